using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Membership;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>Reminders on the service's clock (the test's): the day before a booking, seven days before a subscription ends.</summary>
public sealed class ReminderTests(InfrastructureFixture infrastructure, SharedMailServer mail) : IAsyncLifetime
{
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail.Server);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_booking_is_reminded_the_day_before_once_and_a_cancelled_one_is_not()
    {
        var (member, email) = await _world.MemberAsync();
        var now = _world.Service.Clock.GetUtcNow();
        var startsAt = new DateTimeOffset(now.UtcDateTime.Date.AddDays(3).AddHours(9), TimeSpan.Zero);
        var (kept, cancelled) = (Guid.NewGuid(), Guid.NewGuid());
        await _world.Service.Bus.Publish(new BookingConfirmed(kept, Guid.NewGuid(), "meeting-room", null, _world.Place, member, startsAt, startsAt.AddHours(2), now), Cancel);
        await _world.Service.Bus.Publish(new BookingConfirmed(cancelled, Guid.NewGuid(), "desk", null, _world.Place, member, startsAt.AddHours(3), startsAt.AddHours(4), now), Cancel);
        await _world.UntilAsync(db => db.Reminders.CountAsync(r => r.MemberId == member).ContinueWith(t => t.Result == 2, TaskScheduler.Default));
        await _world.Service.Bus.Publish(new BookingCancelled(cancelled, Guid.NewGuid(), _world.Place, member, startsAt.AddHours(3), startsAt.AddHours(4), "member", now), Cancel);
        await _world.UntilAsync(db => db.Reminders.AllAsync(r => r.SubjectId != cancelled));
        // Welcome, two confirmations, one cancellation.
        await _world.MailsToAsync(email, 4);

        var due = Reminder.BookingDueAt(startsAt, now)!.Value;
        Assert.Equal(9, ParisTime.Of(due).Hour);
        Assert.Equal(ParisTime.Of(startsAt).Date.AddDays(-1), ParisTime.Of(due).Date);
        _world.Service.Clock.Advance(due - now + TimeSpan.FromMinutes(1));

        var mails = await _world.MailsToAsync(email, 5);
        var reminder = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Rappel", StringComparison.Ordinal));
        Assert.Equal($"Rappel : salle de réunion demain à {ParisTime.Time(startsAt)}", reminder.Subject);
        Assert.Contains(ParisTime.Period(startsAt, startsAt.AddHours(2)), reminder.TextBody, StringComparison.Ordinal);
        // Later ticks send nothing more.
        _world.Service.Clock.Advance(TimeSpan.FromMinutes(5));
        await _world.UntilAsync(db => db.Reminders.AllAsync(r => r.MemberId != member || r.SentAt != null || r.SubjectId == cancelled));
        Assert.Equal(1, await _world.QueryAsync(db => db.Notifications.CountAsync(n => n.MemberId == member && n.Kind == Reminder.BookingTomorrow)));
    }

    [Fact]
    public async Task A_subscription_is_announced_seven_days_before_it_ends()
    {
        var (member, email) = await _world.MemberAsync();
        var now = _world.Service.Clock.GetUtcNow();
        var subscription = Guid.NewGuid();
        await _world.Service.Bus.Publish(new SubscriptionActivated(subscription, member, Guid.NewGuid(), "monthly-coworking", _world.Place, [_world.Place],
            new Dictionary<string, int>(), now, now.AddDays(30), now), Cancel);
        await _world.UntilAsync(db => db.Reminders.AnyAsync(r => r.SubjectId == subscription));
        await _world.MailsToAsync(email, 2);

        _world.Service.Clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));

        var mails = await _world.MailsToAsync(email, 3);
        var ending = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Votre abonnement se termine", StringComparison.Ordinal));
        Assert.Contains("coworking au mois", ending.TextBody, StringComparison.Ordinal);
        Assert.Contains("se termine dans 7 jours", ending.TextBody, StringComparison.Ordinal);
    }
}
