using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>Events over the real broker, mails read back from a real SMTP server, the inbox through the API.</summary>
public sealed class NotificationTests(InfrastructureFixture infrastructure, SharedMailServer mail) : IAsyncLifetime
{
    // Tuesday 12 January 2027, 09:00–11:00 UTC: 10:00–12:00 in Paris (winter time).
    private static readonly DateTimeOffset StartsAt = new(2027, 1, 12, 9, 0, 0, TimeSpan.Zero);
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail.Server);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_confirmed_booking_is_emailed_in_French_with_text_and_html_parts_and_lands_in_the_inbox()
    {
        var (member, email) = await _world.MemberAsync();
        await _world.Service.Bus.Publish(new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "desk", null, _world.Place, member, StartsAt, StartsAt.AddHours(2), DateTimeOffset.UtcNow), Cancel);

        var mails = await _world.MailsToAsync(email, 2);
        var welcome = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Bienvenue", StringComparison.Ordinal));
        var booking = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Réservation confirmée", StringComparison.Ordinal));
        Assert.Equal("Réservation confirmée : poste de travail, mardi 12 janvier 2027", booking.Subject);
        Assert.Equal("Léa Martin", booking.To.Mailboxes.Single().Name);
        Assert.Contains($"à {NotificationsWorld.PlaceName} est confirmée, mardi 12 janvier 2027 de 10:00 à 12:00", booking.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Bonjour Léa Martin,", booking.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", booking.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(NotificationsWorld.PlaceName, booking.HtmlBody, StringComparison.Ordinal);
        Assert.NotEqual(welcome.MessageId, booking.MessageId);

        // The inbox: both, newest first, unread until read.
        var client = _world.Service.As(_world.Service.Tokens.Member(member));
        var inbox = (await client.GetFromJsonAsync<JsonObject>("/api/notifications/inbox", Cancel))!;
        Assert.Equal(2, inbox["totalCount"]!.GetValue<int>());
        Assert.Equal(2, inbox["unread"]!.GetValue<int>());
        var newest = inbox["items"]![0]!;
        Assert.Equal("booking-confirmed", newest["kind"]!.GetValue<string>());
        Assert.Equal(booking.Subject, newest["subject"]!.GetValue<string>());
        var read = await client.PostAsync($"/api/notifications/inbox/{newest["id"]}/read", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>("/api/notifications/inbox", Cancel))!["unread"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_welcome_and_a_password_reset_carry_their_link_in_the_mail_only_and_are_sent_whatever_the_preferences()
    {
        var (member, email) = await _world.MemberAsync();
        var client = _world.Service.As(_world.Service.Tokens.Member(member));
        var everythingOff = await client.PutAsJsonAsync("/api/notifications/preferences",
            new { bookings = false, trainings = false, subscriptions = false, qualifications = false, network = false }, Cancel);
        Assert.Equal(HttpStatusCode.OK, everythingOff.StatusCode);
        const string ResetLink = "https://tierslieux.example/account/choose-password?token=reset-secret";
        await _world.Service.Bus.Publish(new PasswordResetRequested(member, ResetLink, new DateTimeOffset(2026, 12, 2, 15, 30, 0, TimeSpan.Zero), DateTimeOffset.UtcNow), Cancel);

        var mails = await _world.MailsToAsync(email, 2);
        var welcome = Assert.Single(mails, m => m.Subject == "Bienvenue dans le réseau des tiers-lieux d'Occitanie");
        Assert.Contains(NotificationsWorld.InvitationLink(member), welcome.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{NotificationsWorld.InvitationLink(member)}\"", WebUtility.HtmlDecode(welcome.HtmlBody), StringComparison.Ordinal);
        Assert.Contains($"({NotificationsWorld.PlaceName})", welcome.TextBody, StringComparison.Ordinal);
        var reset = Assert.Single(mails, m => m.Subject == "Choisir un nouveau mot de passe");
        Assert.Contains(ResetLink, reset.TextBody, StringComparison.Ordinal);
        Assert.Contains("jusqu'à 16:30 (heure de Paris)", reset.TextBody, StringComparison.Ordinal);
        Assert.Null(reset.Headers["List-Unsubscribe"]);

        // The inbox tells the same, without the links: the member's operators may read it too.
        var inbox = await client.GetStringAsync("/api/notifications/inbox", Cancel);
        Assert.Contains("password-reset", inbox, StringComparison.Ordinal);
        Assert.Contains("account-created", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_training_is_mailed_with_the_certificate_s_public_link()
    {
        var (member, email) = await _world.MemberAsync();
        await _world.Service.Bus.Publish(new TrainingCompleted(Guid.NewGuid(), member, Guid.NewGuid(), "Sécurité découpe laser", _world.Place, ["laser-cutter"], 7.5m,
            DateTimeOffset.UtcNow, "K7Q2-M9XA"), Cancel);

        var completed = (await _world.MailsToAsync(email, 2)).Single(m => m.Subject == "Formation terminée : Sécurité découpe laser");
        Assert.Contains($"« Sécurité découpe laser » à {NotificationsWorld.PlaceName} (7,5 h)", completed.TextBody, StringComparison.Ordinal);
        var link = Assert.Single(completed.TextBody!.Split('\n', StringSplitOptions.TrimEntries), line => line.Contains("/api/training/certificates/", StringComparison.Ordinal));
        Assert.EndsWith("/api/training/certificates/K7Q2-M9XA", link, StringComparison.Ordinal);
        Assert.Contains("Voir mon attestation", completed.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_delivered_twice_is_told_once()
    {
        var (member, email) = await _world.MemberAsync();
        var messageId = NewId.NextGuid();
        var cancelled = new BookingCancelled(Guid.NewGuid(), Guid.NewGuid(), _world.Place, member, StartsAt, StartsAt.AddHours(1), "machine-unavailable", DateTimeOffset.UtcNow);

        await _world.Service.Bus.Publish(cancelled, context => context.MessageId = messageId, Cancel);
        await _world.Service.Bus.Publish(cancelled, context => context.MessageId = messageId, Cancel);

        // Both deliveries were handled once the inbox has turned one away.
        await _world.UntilAsync(async db => await db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId) == 1
            && await db.OutgoingMails.AnyAsync(m => m.To == email && m.Status == MailStatus.Sent && m.Subject.StartsWith("Réservation annulée")));
        var mails = await _world.MailsToAsync(email, 2);
        var mail = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Réservation annulée", StringComparison.Ordinal));
        Assert.Contains("est annulée : la machine est hors service.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await _world.QueryAsync(db => db.Notifications.CountAsync(n => n.MemberId == member && n.Kind == "booking-cancelled")));
    }

    [Fact]
    public async Task A_cancellation_by_the_place_carries_its_words_to_the_member_s_mail()
    {
        var (member, email) = await _world.MemberAsync();
        const string note = "Le poste est pris par un atelier ce matin-là ; toutes nos excuses.";

        await _world.Service.Bus.Publish(new BookingCancelled(Guid.NewGuid(), Guid.NewGuid(), _world.Place, member, StartsAt, StartsAt.AddHours(1), "operator",
            DateTimeOffset.UtcNow, note), Cancel);

        await _world.UntilAsync(db => db.OutgoingMails.AnyAsync(m => m.To == email && m.Status == MailStatus.Sent && m.Subject.StartsWith("Réservation annulée")));
        var mail = Assert.Single(await _world.MailsToAsync(email, 2), m => (m.Subject ?? "").StartsWith("Réservation annulée", StringComparison.Ordinal));
        Assert.Contains("est annulée : le lieu l'a annulée.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Le mot du lieu : « {note} »", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everyone_in_a_cancelled_session_is_told_once_with_the_course_and_the_reason()
    {
        var learners = new[] { await _world.MemberAsync("Karim Benali"), await _world.MemberAsync("Sophie Roux"), await _world.MemberAsync("Jean Dupont") };
        var course = Guid.NewGuid();
        var session = Guid.NewGuid();
        await _world.Service.Bus.Publish(new SessionScheduled(session, course, "Initiation à la découpe laser", _world.Place, StartsAt, StartsAt.AddHours(3), 8, 3, DateTimeOffset.UtcNow), Cancel);
        await _world.UntilAsync(db => db.Courses.AnyAsync(c => c.Id == course));

        await _world.Service.Bus.Publish(new SessionCancelled(session, course, _world.Place, "below-minimum", [.. learners.Select(l => l.Id), learners[0].Id], DateTimeOffset.UtcNow), Cancel);

        foreach (var (_, email) in learners)
        {
            var mails = await _world.MailsToAsync(email, 2);
            var mail = Assert.Single(mails, m => m.Subject == "Session annulée : Initiation à la découpe laser");
            Assert.Contains("le nombre minimum de participants n'est pas atteint", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_the_place_withdrew_from_a_session_is_told_and_one_who_left_is_not()
    {
        var (withdrawn, withdrawnEmail) = await _world.MemberAsync("Karim Benali");
        var (leaving, leavingEmail) = await _world.MemberAsync("Sophie Roux");
        var course = Guid.NewGuid();
        var session = Guid.NewGuid();
        await _world.Service.Bus.Publish(new SessionScheduled(session, course, "Fabmanager : prise en main", _world.Place, StartsAt, StartsAt.AddHours(3), 8, 3, DateTimeOffset.UtcNow), Cancel);
        await _world.UntilAsync(db => db.Courses.AnyAsync(c => c.Id == course));

        var left = NewId.NextGuid();
        await _world.Service.Bus.Publish(new EnrolmentCancelled(Guid.NewGuid(), session, course, _world.Place, leaving, "member", DateTimeOffset.UtcNow),
            context => context.MessageId = left, Cancel);
        await _world.Service.Bus.Publish(new EnrolmentCancelled(Guid.NewGuid(), session, course, _world.Place, withdrawn, "operator", DateTimeOffset.UtcNow), Cancel);

        var mail = Assert.Single(await _world.MailsToAsync(withdrawnEmail, 2), m => m.Subject == "Désinscription : Fabmanager : prise en main");
        Assert.Contains("a annulé votre inscription à la formation « Fabmanager : prise en main »", mail.TextBody, StringComparison.Ordinal);
        // The member's own cancellation was handled (its inbox row) and told nothing.
        await _world.UntilAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == left));
        Assert.Equal(0, await _world.QueryAsync(db => db.Notifications.CountAsync(n => n.MemberId == leaving && n.Kind == "enrolment-withdrawn")));
        Assert.Equal(0, await _world.QueryAsync(db => db.OutgoingMails.CountAsync(m => m.To == leavingEmail && m.Subject.StartsWith("Désinscription"))));
    }

    [Fact]
    public async Task An_erased_member_is_forgotten_and_told_nothing_more()
    {
        var (member, email) = await _world.MemberAsync();
        await _world.Service.Bus.Publish(new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "desk", null, _world.Place, member, StartsAt, StartsAt.AddHours(2), DateTimeOffset.UtcNow), Cancel);
        await _world.MailsToAsync(email, 2);

        await _world.Service.Bus.Publish(new MemberErased(member, DateTimeOffset.UtcNow), Cancel);
        await _world.UntilAsync(db => db.Recipients.AnyAsync(r => r.MemberId == member && r.Erased));
        var late = NewId.NextGuid();
        await _world.Service.Bus.Publish(new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "desk", null, _world.Place, member, StartsAt, StartsAt.AddHours(2), DateTimeOffset.UtcNow),
            context => context.MessageId = late, Cancel);
        await _world.UntilAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == late));
        // A later MemberUpdated (a lower version than the erasure's) brings nobody back.
        await _world.Service.Bus.Publish(new MemberUpdated(member, "Léa Martin", email, [_world.Place], 2, DateTimeOffset.UtcNow), Cancel);

        var recipient = await _world.QueryAsync(db => db.Recipients.SingleAsync(r => r.MemberId == member));
        Assert.Equal("", recipient.Email);
        Assert.Equal("", recipient.DisplayName);
        Assert.Equal(0, await _world.QueryAsync(db => db.Notifications.CountAsync(n => n.MemberId == member)));
        Assert.Equal(0, await _world.QueryAsync(db => db.OutgoingMails.CountAsync(m => m.To == email)));
        var inbox = await _world.Service.As(_world.Service.Tokens.Member(member)).GetFromJsonAsync<JsonObject>("/api/notifications/inbox", Cancel);
        Assert.Equal(0, inbox!["totalCount"]!.GetValue<int>());
        Assert.Equal(2, (await _world.MailsToAsync(email, 2)).Count);
    }

    [Fact]
    public async Task The_inbox_answers_bad_input_and_other_peoples_notifications_with_problem_details()
    {
        var (member, _) = await _world.MemberAsync();
        var (other, _) = await _world.MemberAsync("Karim Benali");
        await _world.UntilAsync(db => db.Notifications.AnyAsync(n => n.MemberId == other));
        var othersNotification = await _world.QueryAsync(db => db.Notifications.Where(n => n.MemberId == other).Select(n => n.Id).FirstAsync());
        var client = _world.Service.As(_world.Service.Tokens.Member(member));

        await Problem.AssertAsync(await client.GetAsync("/api/notifications/inbox?page=0", Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await client.GetAsync("/api/notifications/inbox?pageSize=1000", Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await client.GetAsync("/api/notifications/inbox?page=abc", Cancel), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await client.PostAsync($"/api/notifications/inbox/{othersNotification}/read", null, Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.PostAsync($"/api/notifications/inbox/{Guid.NewGuid()}/read", null, Cancel), HttpStatusCode.NotFound);
        Assert.Null(await _world.QueryAsync(db => db.Notifications.Where(n => n.Id == othersNotification).Select(n => n.ReadAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _world.Service.Factory.CreateClient().GetAsync("/api/notifications/inbox", Cancel)).StatusCode);

        // Operators: a place's operator sees what its members were told about it; another place's operator, nothing.
        var operatorHere = _world.Service.As(_world.Service.Tokens.PlaceOperator(_world.Place));
        var seen = await operatorHere.GetFromJsonAsync<JsonObject>($"/api/notifications/members/{other}", Cancel);
        Assert.Equal(1, seen!["totalCount"]!.GetValue<int>());
        var operatorElsewhere = _world.Service.As(_world.Service.Tokens.PlaceOperator(Guid.NewGuid()));
        await Problem.AssertAsync(await operatorElsewhere.GetAsync($"/api/notifications/members/{other}", Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await operatorHere.GetAsync($"/api/notifications/members/{Guid.NewGuid()}", Cancel), HttpStatusCode.NotFound);
    }
}
