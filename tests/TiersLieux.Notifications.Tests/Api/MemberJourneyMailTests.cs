using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>
/// What a member hears along the year: enrolments (a seat, the waiting list, a promotion), qualifications (granted,
/// lapsing in thirty days, lapsed) and subscriptions (active, ended), each from its real event over the broker and
/// read back from the SMTP server.
/// </summary>
public sealed class MemberJourneyMailTests(InfrastructureFixture infrastructure, SharedMailServer mail) : IAsyncLifetime
{
    private const string Course = "Initiation à la découpe laser";
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail.Server);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_seat_a_place_on_the_waiting_list_and_a_promotion_are_each_mailed_with_the_course_and_the_place()
    {
        var (seated, seatedEmail) = await _world.MemberAsync("Karim Benali");
        var (waiting, waitingEmail) = await _world.MemberAsync("Sophie Roux");
        var (course, session) = (Guid.NewGuid(), Guid.NewGuid());
        var startsAt = new DateTimeOffset(2027, 2, 3, 9, 0, 0, TimeSpan.Zero);
        await _world.Service.Bus.Publish(new SessionScheduled(session, course, Course, _world.Place, startsAt, startsAt.AddHours(3), 1, 1, DateTimeOffset.UtcNow), Cancel);
        await _world.UntilAsync(db => db.Courses.AnyAsync(c => c.Id == course));

        await _world.Service.Bus.Publish(new EnrolmentConfirmed(Guid.NewGuid(), session, course, _world.Place, seated, false, DateTimeOffset.UtcNow), Cancel);
        var waitlisted = Guid.NewGuid();
        await _world.Service.Bus.Publish(new EnrolmentWaitlisted(waitlisted, session, course, _world.Place, waiting, 1, DateTimeOffset.UtcNow), Cancel);

        var confirmed = Assert.Single(await _world.MailsToAsync(seatedEmail, 2), m => m.Subject == $"Inscription confirmée : {Course}");
        Assert.Contains($"« {Course} » à {NotificationsWorld.PlaceName} est confirmée", confirmed.TextBody, StringComparison.Ordinal);
        var onTheList = Assert.Single(await _world.MailsToAsync(waitingEmail, 2), m => m.Subject == $"Liste d'attente : {Course}");
        Assert.Contains($"à {NotificationsWorld.PlaceName} est complète : vous êtes inscrit·e sur la liste d'attente, en position 1.", onTheList.TextBody, StringComparison.Ordinal);
        Assert.NotNull(onTheList.Headers["List-Unsubscribe"]);

        // The seat frees: training promotes the first on the list.
        await _world.Service.Bus.Publish(new EnrolmentConfirmed(waitlisted, session, course, _world.Place, waiting, true, DateTimeOffset.UtcNow), Cancel);

        var promoted = Assert.Single(await _world.MailsToAsync(waitingEmail, 3), m => m.Subject == $"Une place s'est libérée : {Course}");
        Assert.Contains("vous quittez la liste d'attente, votre inscription est confirmée", promoted.TextBody, StringComparison.Ordinal);
        Assert.Null(promoted.Headers["List-Unsubscribe"]);
        Assert.Equal(["account-created", "enrolment-waitlisted", "enrolment-promoted"],
            await _world.QueryAsync(db => db.Notifications.Where(n => n.MemberId == waiting).OrderBy(n => n.CreatedAt).Select(n => n.Kind).ToListAsync()));
    }

    [Fact]
    public async Task A_qualification_is_mailed_when_granted_thirty_days_before_it_lapses_and_when_it_has_lapsed()
    {
        var (member, email) = await _world.MemberAsync();
        var now = _world.Service.Clock.GetUtcNow();
        var (qualification, expiresAt) = (Guid.NewGuid(), now.AddDays(90));
        await _world.Service.Bus.Publish(new QualificationGranted(qualification, member, "laser-cutter", _world.Place, expiresAt, now), Cancel);

        var granted = Assert.Single(await _world.MailsToAsync(email, 2), m => m.Subject == "Habilitation obtenue : laser-cutter");
        Assert.Contains($"({NotificationsWorld.PlaceName})", granted.TextBody, StringComparison.Ordinal);
        Assert.Contains($"valable jusqu'au {ParisTime.Day(expiresAt)}", granted.TextBody, StringComparison.Ordinal);
        await _world.UntilAsync(db => db.Reminders.AnyAsync(r => r.SubjectId == qualification && r.Kind == Reminder.QualificationLapsing));

        _world.Service.Clock.Advance(TimeSpan.FromDays(60) + TimeSpan.FromMinutes(1));

        var lapsing = Assert.Single(await _world.MailsToAsync(email, 3), m => m.Subject == "Votre habilitation laser-cutter expire bientôt");
        Assert.Contains($"expire dans 30 jours, le {ParisTime.Day(expiresAt)}", lapsing.TextBody, StringComparison.Ordinal);

        // Equipment's lapse watch, the day it expires.
        await _world.Service.Bus.Publish(new QualificationRevoked(qualification, member, "laser-cutter",
            $"lapsed: expired on {ParisTime.Of(expiresAt):yyyy-MM-dd}", expiresAt), Cancel);

        var lapsed = Assert.Single(await _world.MailsToAsync(email, 4), m => m.Subject == "Habilitation expirée : laser-cutter");
        Assert.Contains($"n'est plus valable : elle a expiré le {ParisTime.Day(expiresAt)}.", lapsed.TextBody, StringComparison.Ordinal);
        Assert.Null(lapsed.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task A_subscription_is_mailed_when_it_starts_and_when_it_ends_and_its_ending_notice_goes_with_it()
    {
        var (member, email) = await _world.MemberAsync();
        var now = _world.Service.Clock.GetUtcNow();
        var subscription = Guid.NewGuid();
        await _world.Service.Bus.Publish(new SubscriptionActivated(subscription, member, Guid.NewGuid(), "monthly-coworking", _world.Place, [_world.Place],
            new Dictionary<string, int>(), now, now.AddDays(30), now), Cancel);

        var active = Assert.Single(await _world.MailsToAsync(email, 2), m => m.Subject == "Abonnement actif : coworking au mois");
        Assert.Contains($"à {NotificationsWorld.PlaceName} est actif du {ParisTime.Day(now)} au {ParisTime.Day(now.AddDays(30))}", active.TextBody, StringComparison.Ordinal);

        await _world.UntilAsync(db => db.Reminders.AnyAsync(r => r.SubjectId == subscription && r.Kind == Reminder.SubscriptionEnding));

        await _world.Service.Bus.Publish(new SubscriptionEnded(subscription, member, "cancelled", now), Cancel);

        var ended = Assert.Single(await _world.MailsToAsync(email, 3), m => m.Subject == "Votre abonnement a pris fin");
        Assert.Contains("Votre abonnement a été résilié.", ended.TextBody, StringComparison.Ordinal);
        // The ending notice seven days before its end was scheduled with the activation, and goes with the subscription.
        await _world.UntilAsync(db => db.Reminders.AllAsync(r => r.SubjectId != subscription));
        Assert.Equal(0, await _world.QueryAsync(db => db.Notifications.CountAsync(n => n.MemberId == member && n.Kind == Reminder.SubscriptionEnding)));
    }
}
