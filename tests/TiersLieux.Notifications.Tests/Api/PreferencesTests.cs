using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>A member's choices: categories turned off in preferences or with one click in a mail; essential messages always go.</summary>
public sealed class PreferencesTests(InfrastructureFixture infrastructure, SharedMailServer mail) : IAsyncLifetime
{
    private static readonly DateTimeOffset StartsAt = new(2027, 2, 9, 9, 0, 0, TimeSpan.Zero);
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail.Server);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Bookings_turned_off_are_not_mailed_but_stay_in_the_inbox_and_cancellations_are_mailed_anyway()
    {
        var (member, email) = await _world.MemberAsync();
        var client = _world.Service.As(_world.Service.Tokens.Member(member));
        var preferences = await client.PutAsJsonAsync("/api/notifications/preferences", new { bookings = false }, Cancel);
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        var now = (await preferences.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.False(now["bookings"]!.GetValue<bool>());
        Assert.True(now["trainings"]!.GetValue<bool>());

        var confirmed = NewId.NextGuid();
        await _world.Service.Bus.Publish(Confirmed(member), context => context.MessageId = confirmed, Cancel);
        await _world.UntilAsync(db => db.Notifications.AnyAsync(n => n.SourceMessageId == confirmed));
        await _world.Service.Bus.Publish(new BookingCancelled(Guid.NewGuid(), Guid.NewGuid(), _world.Place, member, StartsAt, StartsAt.AddHours(1), "place-closed", DateTimeOffset.UtcNow), Cancel);

        // The welcome and the cancellation arrive; the confirmation was never queued.
        var mails = await _world.MailsToAsync(email, 2);
        Assert.Contains(mails, m => (m.Subject ?? "").StartsWith("Réservation annulée", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => (m.Subject ?? "").StartsWith("Réservation confirmée", StringComparison.Ordinal));
        Assert.Equal(0, await _world.QueryAsync(db => db.OutgoingMails.CountAsync(m => db.Notifications.Any(n => n.Id == m.NotificationId && n.SourceMessageId == confirmed))));
        var inbox = (await client.GetFromJsonAsync<JsonObject>("/api/notifications/inbox", Cancel))!;
        Assert.Contains(inbox["items"]!.AsArray(), item => item!["kind"]!.GetValue<string>() == "booking-confirmed");
    }

    [Fact]
    public async Task One_click_in_a_mail_unsubscribes_without_signing_in_and_a_later_mail_of_that_category_is_not_sent()
    {
        var (member, email) = await _world.MemberAsync();
        await _world.Service.Bus.Publish(Confirmed(member), Cancel);
        var first = (await _world.MailsToAsync(email, 2)).Single(m => (m.Subject ?? "").StartsWith("Réservation confirmée", StringComparison.Ordinal));
        // RFC 8058: the address in angle brackets, and the one-click POST it accepts.
        Assert.Equal("List-Unsubscribe=One-Click", first.Headers["List-Unsubscribe-Post"]);
        var address = new Uri((first.Headers["List-Unsubscribe"] ?? "").Trim('<', '>'));
        Assert.Contains(address.ToString(), first.TextBody, StringComparison.Ordinal);
        var welcome = (await _world.MailsToAsync(email, 2)).Single(m => (m.Subject ?? "").StartsWith("Bienvenue", StringComparison.Ordinal));
        Assert.Null(welcome.Headers["List-Unsubscribe"]);

        var anonymous = _world.Service.Factory.CreateClient();
        var page = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, address.PathAndQuery) { Headers = { { "Accept", "text/html" } } }, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await _world.QueryAsync(db => db.EmailOptOuts.CountAsync(o => o.MemberId == member)));
        var click = await anonymous.PostAsync(address.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Cancel);
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Equal("bookings", (await click.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["category"]!.GetValue<string>());

        var preferences = await _world.Service.As(_world.Service.Tokens.Member(member)).GetFromJsonAsync<JsonObject>("/api/notifications/preferences", Cancel);
        Assert.False(preferences!["bookings"]!.GetValue<bool>());
        var later = NewId.NextGuid();
        await _world.Service.Bus.Publish(Confirmed(member), context => context.MessageId = later, Cancel);
        await _world.UntilAsync(db => db.Notifications.AnyAsync(n => n.SourceMessageId == later));
        Assert.Equal(0, await _world.QueryAsync(db => db.OutgoingMails.CountAsync(m => db.Notifications.Any(n => n.Id == m.NotificationId && n.SourceMessageId == later))));

        // An unknown link: problem+json for a client, a page that says so for a browser.
        var unknown = $"/api/notifications/unsubscribe/{new string('a', 48)}";
        await Problem.AssertAsync(await anonymous.PostAsync(unknown, null, Cancel), HttpStatusCode.NotFound);
        var unknownPage = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, unknown) { Headers = { { "Accept", "text/html" } } }, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Contains("Lien inconnu", await unknownPage.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private BookingConfirmed Confirmed(Guid member) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "desk", null, _world.Place, member, StartsAt, StartsAt.AddHours(1), DateTimeOffset.UtcNow);
}
