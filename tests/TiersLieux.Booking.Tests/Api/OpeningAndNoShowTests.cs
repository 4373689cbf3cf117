using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Directory;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>Bookings fit the place's opening hours (from the directory) and closures (the operator's); no-shows are marked.</summary>
public sealed class OpeningAndNoShowTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private TestService<Program> _service = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Booking.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("La Fabrique des Corbières");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    /// <summary>The first Monday at least two days ahead of the test's clock, Paris time.</summary>
    private DateOnly NextMonday()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_service.Clock.GetUtcNow(), Paris).DateTime).AddDays(2);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    /// <summary>The directory says: open Monday to Friday, 09:00-18:00 (minutes of the week).</summary>
    private async Task OpenWeekdaysNineToSixAsync()
    {
        var hours = Enumerable.Range(0, 5).Select(day => new OpenSpan((day * 1440) + 540, (day * 1440) + 1080)).ToList();
        await _service.Bus.Publish(new PlaceUpdated(_place, "La Fabrique des Corbières", "fablab", "Lézignan", "11200", "11", 43.2, 2.75, 2,
            _service.Clock.GetUtcNow(), hours), Cancel);
        await _service.WaitForAsync(db => db.Places.AnyAsync(p => p.Id == _place && p.Version == 2));
    }

    [Fact]
    public async Task A_booking_fits_the_places_opening_hours_and_availability_shows_only_open_slots()
    {
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var monday = NextMonday();
        await Booking.IdAsync(await _service.BookAsync(desk, member, At(monday, 7), At(monday, 8)));

        await OpenWeekdaysNineToSixAsync();

        Assert.Equal("outside-opening-hours", await Booking.RuleAsync(await _service.BookAsync(desk, member, At(monday, 8, 30), At(monday, 9, 30))));
        Assert.Equal("outside-opening-hours", await Booking.RuleAsync(await _service.BookAsync(desk, member, At(monday, 17), At(monday, 19))));
        Assert.Equal("outside-opening-hours", await Booking.RuleAsync(await _service.BookAsync(desk, member, At(monday.AddDays(5), 10), At(monday.AddDays(5), 11))));
        await Booking.IdAsync(await _service.BookAsync(desk, member, At(monday, 9), At(monday, 18)));
        var free = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/resources/{desk}/availability?date={monday.AddDays(1):yyyy-MM-dd}&days=6", Cancel);
        var periods = free!["free"]!.AsArray().Select(p => (p!["from"]!.GetValue<DateTimeOffset>(), p["to"]!.GetValue<DateTimeOffset>())).ToList();
        Assert.Equal([.. Enumerable.Range(1, 4).Select(day => (At(monday.AddDays(day), 9), At(monday.AddDays(day), 18)))], periods);
        var calendar = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/places/{_place}", Cancel);
        Assert.Equal(5, calendar!["openingHours"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_closure_cancels_the_bookings_it_overlaps_refuses_new_ones_and_only_the_places_operator_sets_it()
    {
        await using var cancelled = await EventCollector<BookingCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        await using var audited = await EventCollector<TiersLieux.Contracts.Audit.SensitiveActionTaken>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var room = await _service.ResourceAsync(_place, "meeting-room", name: "Salle Alaric");
        await _service.EntitleAsync(member, _place);
        var monday = NextMonday();
        var inside = await Booking.IdAsync(await _service.BookAsync(room, member, At(monday, 10), At(monday, 12)));
        var after = await Booking.IdAsync(await _service.BookAsync(room, member, At(monday.AddDays(1), 10), At(monday.AddDays(1), 12)));
        using var otherOperator = _service.As(_service.Tokens.PlaceOperator(Guid.NewGuid()));
        var closure = new { startsAt = At(monday, 0), endsAt = At(monday.AddDays(1), 0), reason = "Inventaire" };

        await Problem.AssertAsync(await otherOperator.PostAsJsonAsync($"/api/booking/places/{_place}/closures", closure, Cancel), HttpStatusCode.Forbidden);
        var created = await TestService<Program>.PostAsync(_service.Admin, $"/api/booking/places/{_place}/closures", closure);

        Assert.Equal(1, created["cancelledBookings"]!.GetValue<int>());
        var told = (await cancelled.WaitForAsync(e => e.BookingId == inside, TimeSpan.FromSeconds(30))).Message;
        Assert.Equal("place-closed", told.Reason);
        // The closure's reason reaches the member with the cancellation.
        Assert.Equal("Inventaire", told.Note);
        Assert.Equal("confirmed", (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/bookings/{after}", Cancel))!["status"]!.GetValue<string>());
        Assert.Equal("place-closed", await Booking.RuleAsync(await _service.BookAsync(room, member, At(monday, 14), At(monday, 15))));
        var closureId = created["closure"]!["id"]!.GetValue<Guid>();
        // Members lost bookings by someone's decision: the audit trail hears who, where and how many.
        var traced = (await audited.WaitForAsync(e => e.ObjectId == closureId.ToString(), TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(("booking", "closure-cancelled-bookings", "network-admin", "1 booking(s) cancelled"), (traced.Service, traced.Action, traced.ActorRole, traced.Outcome));
        Assert.Equal([_place], traced.PlaceIds);
        await Problem.AssertAsync(await otherOperator.DeleteAsync($"/api/booking/places/{_place}/closures/{closureId}", Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await _service.Admin.DeleteAsync($"/api/booking/places/{_place}/closures/{closureId}", Cancel)).StatusCode);
        await Booking.IdAsync(await _service.BookAsync(room, member, At(monday, 14), At(monday, 15)));
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync($"/api/booking/places/{_place}/closures",
            new { startsAt = At(monday, 12), endsAt = At(monday, 11), reason = "À l'envers" }, Cancel), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_operator_marks_a_no_show_once_the_booking_has_started_and_it_never_counts_as_used()
    {
        await using var completed = await EventCollector<BookingCompleted>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        using var memberClient = _service.As(_service.Tokens.Member(member));
        var start = _service.Tomorrow(9);
        var missed = await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(2)));
        var used = await Booking.IdAsync(await _service.BookAsync(desk, member, start.AddHours(2), start.AddHours(3)));

        await Problem.AssertAsync(await _service.Admin.PostAsync($"/api/booking/bookings/{missed}/no-show", null, Cancel), HttpStatusCode.Conflict);
        _service.Clock.Advance(start.AddMinutes(20) - _service.Clock.GetUtcNow());
        await Problem.AssertAsync(await memberClient.PostAsync($"/api/booking/bookings/{missed}/no-show", null, Cancel), HttpStatusCode.Forbidden);
        var marked = await _service.Admin.PostAsync($"/api/booking/bookings/{missed}/no-show", null, Cancel);
        Assert.Equal("no-show", (await marked.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["status"]!.GetValue<string>());
        await Problem.AssertAsync(await _service.Admin.PostAsync($"/api/booking/bookings/{missed}/no-show", null, Cancel), HttpStatusCode.Conflict);

        _service.Clock.Advance(start.AddHours(4) - _service.Clock.GetUtcNow());

        await completed.WaitForAsync(e => e.BookingId == used, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(completed.Received, e => e.Message.BookingId == missed);
        Assert.Equal("no-show", (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/bookings/{missed}", Cancel))!["status"]!.GetValue<string>());
    }
}
