using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>Every rule refuses with the rule's name; events from membership and equipment cancel what follows.</summary>
public sealed class BookingRulesTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Booking.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("IN'ESS");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_member_needs_a_subscription_covering_the_place_and_the_kind_of_resource()
    {
        var (member, other) = (Guid.NewGuid(), Guid.NewGuid());
        var desk = await _service.ResourceAsync(_place, "desk");
        var room = await _service.ResourceAsync(_place, "meeting-room", name: "Salle du conseil");
        await _service.EntitleAsync(member, _place, "desk");
        var start = _service.Tomorrow(9);

        Assert.Equal("no-subscription", await Booking.RuleAsync(await _service.BookAsync(desk, other, start, start.AddHours(1))));
        Assert.Equal("no-subscription", await Booking.RuleAsync(await _service.BookAsync(room, member, start, start.AddHours(1))));
        await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(1)));
    }

    [Fact]
    public async Task A_suspended_member_loses_the_bookings_to_come_is_told_and_books_again_once_reinstated()
    {
        await using var cancelled = await EventCollector<BookingCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var start = _service.Tomorrow(9);
        var booking = await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(2)));

        await _service.Bus.Publish(new MemberSuspended(member, "Impayé", _service.Clock.GetUtcNow()), Cancel);

        var told = await cancelled.WaitForAsync(e => e.BookingId == booking, TimeSpan.FromSeconds(30));
        Assert.Equal("member-suspended", told.Message.Reason);
        Assert.Equal("member-suspended", await Booking.RuleAsync(await _service.BookAsync(desk, member, start, start.AddHours(1))));
        await _service.Bus.Publish(new MemberReinstated(member, _service.Clock.GetUtcNow()), Cancel);
        await _service.WaitForAsync(db => db.Members.AnyAsync(m => m.MemberId == member && !m.Suspended));
        await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(1)));
    }

    [Fact]
    public async Task A_machine_from_equipment_is_bookable_and_taken_out_of_service_it_cancels_its_bookings()
    {
        await using var cancelled = await EventCollector<BookingCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        var (machine, member) = (Guid.NewGuid(), Guid.NewGuid());
        await _service.EntitleAsync(member, _place, "machine");
        await _service.Bus.Publish(new MachineRegistered(machine, _place, "Découpe laser", "laser-cutter", "laser-cutter", 1200, "available", 1, _service.Clock.GetUtcNow()), Cancel);
        await _service.WaitForAsync(db => db.Resources.AnyAsync(r => r.MachineId == machine));
        var resources = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/booking/resources?placeId={_place}&kind=machine", Cancel);
        var resource = resources!.Single(r => r!["machineId"]!.GetValue<Guid>() == machine)!["id"]!.GetValue<Guid>();
        await _service.QualifyAsync(member, "laser-cutter", grantedAt: _place);
        var start = _service.Tomorrow(10);
        var booking = await Booking.IdAsync(await _service.BookAsync(resource, member, start, start.AddHours(2)));

        await _service.Bus.Publish(new MachineStatusChanged(machine, _place, "out-of-service", "unsafe incident", 2, _service.Clock.GetUtcNow()), Cancel);

        Assert.Equal("machine-unavailable", (await cancelled.WaitForAsync(e => e.BookingId == booking, TimeSpan.FromSeconds(30))).Message.Reason);
        Assert.Equal("resource-unavailable", await Booking.RuleAsync(await _service.BookAsync(resource, member, start, start.AddHours(1))));
    }

    [Fact]
    public async Task A_member_cancels_before_the_notice_an_operator_any_time()
    {
        var member = Guid.NewGuid();
        var room = (await TestService<Program>.PostAsync(_service.Admin, "/api/booking/resources",
            new { placeId = _place, name = "Salle Minervois", kind = "meeting-room", minNoticeMinutes = 120 }))["id"]!.GetValue<Guid>();
        await _service.EntitleAsync(member, _place);
        using var memberClient = _service.As(_service.Tokens.Member(member));
        var start = _service.Tomorrow(9);
        var first = await Booking.IdAsync(await memberClient.PostAsJsonAsync("/api/booking/bookings", new { resourceId = room, startsAt = start, endsAt = start.AddHours(1) }, Cancel));
        var second = await Booking.IdAsync(await memberClient.PostAsJsonAsync("/api/booking/bookings", new { resourceId = room, startsAt = start.AddHours(2), endsAt = start.AddHours(3) }, Cancel));

        Assert.Equal(HttpStatusCode.OK, (await memberClient.PostAsync($"/api/booking/bookings/{first}/cancellation", null, Cancel)).StatusCode);
        _service.Clock.Advance(start.AddHours(1) - _service.Clock.GetUtcNow());
        await Problem.AssertAsync(await memberClient.PostAsync($"/api/booking/bookings/{second}/cancellation", null, Cancel), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PostAsync($"/api/booking/bookings/{second}/cancellation", null, Cancel)).StatusCode);
        var mine = await memberClient.GetFromJsonAsync<JsonArray>("/api/booking/bookings", Cancel);
        Assert.All(mine!, b => Assert.Equal("cancelled", b!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_operator_cancels_with_a_note_the_member_is_told_a_member_cancels_without_one()
    {
        await using var cancelled = await EventCollector<BookingCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        using var memberClient = _service.As(_service.Tokens.Member(member));
        var start = _service.Tomorrow(9);
        var booking = await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(1)));
        const string note = "Le poste est réservé pour un atelier ce matin-là ; toutes nos excuses.";

        await Problem.AssertAsync(await memberClient.PostAsJsonAsync($"/api/booking/bookings/{booking}/cancellation", new { note = "Je préviens" }, Cancel),
            HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync($"/api/booking/bookings/{booking}/cancellation", new { note = new string('x', 501) }, Cancel),
            HttpStatusCode.UnprocessableEntity);
        var answer = await _service.Admin.PostAsJsonAsync($"/api/booking/bookings/{booking}/cancellation", new { note }, Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(note, (await answer.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["cancellationNote"]!.GetValue<string>());
        var told = (await cancelled.WaitForAsync(e => e.BookingId == booking, TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(("operator", note), (told.Reason, told.Note));
    }

    [Fact]
    public async Task Members_book_for_themselves_only_and_see_their_own_bookings()
    {
        var (member, other) = (Guid.NewGuid(), Guid.NewGuid());
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(other, _place);
        var start = _service.Tomorrow(9);
        var theirs = await Booking.IdAsync(await _service.BookAsync(desk, other, start, start.AddHours(1)));
        using var memberClient = _service.As(_service.Tokens.Member(member));
        using var otherPlace = _service.As(_service.Tokens.PlaceOperator(Guid.NewGuid()));

        await Problem.AssertAsync(await memberClient.PostAsJsonAsync("/api/booking/bookings", new { resourceId = desk, memberId = other, startsAt = start.AddHours(2), endsAt = start.AddHours(3) }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await memberClient.GetAsync($"/api/booking/bookings/{theirs}", Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await memberClient.PostAsync($"/api/booking/bookings/{theirs}/cancellation", null, Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await otherPlace.GetAsync($"/api/booking/bookings?placeId={_place}", Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await otherPlace.PostAsJsonAsync("/api/booking/resources", new { placeId = _place, name = "Pas chez moi", kind = "desk" }, Cancel), HttpStatusCode.Forbidden);
        Assert.Empty((await memberClient.GetFromJsonAsync<JsonArray>("/api/booking/bookings", Cancel))!);
    }

    [Fact]
    public async Task A_place_s_calendar_lists_the_bookings_overlapping_the_period_asked()
    {
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var start = _service.Tomorrow(9);
        var morning = await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(2)));
        var afternoon = await Booking.IdAsync(await _service.BookAsync(desk, member, start.AddHours(5), start.AddHours(7)));
        var nextDay = await Booking.IdAsync(await _service.BookAsync(desk, member, start.AddDays(1), start.AddDays(1).AddHours(1)));

        async Task<List<Guid>> ListedAsync(DateTimeOffset from, DateTimeOffset to) =>
            [.. (await _service.Admin.GetFromJsonAsync<JsonArray>(
                $"/api/booking/bookings?placeId={_place}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", Cancel))!
                .Select(b => b!["id"]!.GetValue<Guid>())];

        // An hour into the morning booking to the start of the afternoon one: the morning overlaps, the afternoon only touches.
        Assert.Equal([morning], await ListedAsync(start.AddHours(1), start.AddHours(5)));
        // The whole day, in another offset than UTC (a Paris page asks in Paris time).
        var day = await ListedAsync(start.AddHours(-9).ToOffset(TimeSpan.FromHours(1)), start.AddHours(15).ToOffset(TimeSpan.FromHours(1)));
        Assert.Equal([morning, afternoon], day);
        Assert.DoesNotContain(nextDay, day);
        await Problem.AssertAsync(await _service.Admin.GetAsync(
            $"/api/booking/bookings?placeId={_place}&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(-1).ToString("O"))}", Cancel),
            HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData(2, 1, "endsAt")]      // ends before it starts
    [InlineData(0, 0, "endsAt")]      // zero length
    [InlineData(0, 13, "endsAt")]     // longer than 12 hours
    [InlineData(-48, 1, "startsAt")]  // in the past
    [InlineData(24 * 90, 1, "startsAt")] // beyond 60 days ahead
    public async Task Bad_periods_are_answered_422_naming_the_rule(int startHours, int lengthHours, string field)
    {
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var start = _service.Tomorrow(9).AddHours(startHours);
        var end = startHours == 2 ? start.AddHours(-1) : start.AddHours(lengthHours);

        var problem = await Problem.AssertAsync(await _service.BookAsync(desk, member, start, end), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task An_unaligned_period_an_unknown_resource_and_a_bad_body_are_refused()
    {
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var start = _service.Tomorrow(9).AddMinutes(10);

        Assert.NotNull((await Problem.AssertAsync(await _service.BookAsync(desk, member, start, start.AddHours(1)), HttpStatusCode.UnprocessableEntity))["errors"]!["startsAt"]);
        await Problem.AssertAsync(await _service.BookAsync(Guid.NewGuid(), member, start, start.AddHours(1)), HttpStatusCode.NotFound);
        using var body = new StringContent("{\"resourceId\": 42}", System.Text.Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await _service.Admin.PostAsync("/api/booking/bookings", body, Cancel), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync("/api/booking/resources", new { placeId = _place, name = "Trop", kind = "desk", seats = 3 }, Cancel), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_booking_whose_period_is_over_completes_by_itself_and_announces_its_hours()
    {
        await using var completed = await EventCollector<BookingCompleted>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var desk = await _service.ResourceAsync(_place, "desk");
        await _service.EntitleAsync(member, _place);
        var start = _service.Tomorrow(9);
        var booking = await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddMinutes(150)));
        var cancelled = await Booking.IdAsync(await _service.BookAsync(desk, member, start.AddHours(4), start.AddHours(5)));
        Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PostAsync($"/api/booking/bookings/{cancelled}/cancellation", null, Cancel)).StatusCode);

        _service.Clock.Advance(start.AddHours(6) - _service.Clock.GetUtcNow());

        var message = await completed.WaitForAsync(e => e.BookingId == booking, TimeSpan.FromSeconds(30));
        Assert.Equal(2.5m, message.Message.Hours);
        Assert.Equal("desk", message.Message.ResourceKind);
        Assert.Equal("completed", (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/bookings/{booking}", Cancel))!["status"]!.GetValue<string>());
        Assert.DoesNotContain(completed.Received, e => e.Message.BookingId == cancelled);
    }

    [Fact]
    public async Task Calendar_clients_read_a_members_private_feed_and_a_resources_busy_periods()
    {
        var member = Guid.NewGuid();
        var room = await _service.ResourceAsync(_place, "meeting-room", name: "Salle Corbières");
        await _service.EntitleAsync(member, _place);
        using var memberClient = _service.As(_service.Tokens.Member(member));
        var start = _service.Tomorrow(14);
        var booking = await Booking.IdAsync(await memberClient.PostAsJsonAsync("/api/booking/bookings", new { resourceId = room, startsAt = start, endsAt = start.AddHours(2) }, Cancel));
        var link = (await (await memberClient.PostAsync("/api/booking/calendars/members/me/token", null, Cancel)).Content.ReadFromJsonAsync<JsonObject>(Cancel))!["url"]!.GetValue<string>();
        using var anyone = _service.Factory.CreateClient();

        var feed = await anyone.GetAsync(new Uri(link).PathAndQuery, Cancel);
        var busy = Calendar.Load(await anyone.GetStringAsync($"/api/booking/calendars/resources/{room}.ics", Cancel))!;

        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var mine = Assert.Single(Calendar.Load(await feed.Content.ReadAsStringAsync(Cancel))!.Events);
        Assert.Equal($"{booking}@booking.tierslieux-occitanie", mine.Uid);
        Assert.Equal("Salle Corbières", mine.Summary);
        Assert.Equal(start.UtcDateTime, mine.DtStart!.AsUtc);
        Assert.Equal("Réservé", Assert.Single(busy.Events).Summary);
        // A new URL revokes the old one; a made-up token finds nothing.
        await memberClient.PostAsync("/api/booking/calendars/members/me/token", null, Cancel);
        await Problem.AssertAsync(await anyone.GetAsync(new Uri(link).PathAndQuery, Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await anyone.GetAsync("/api/booking/calendars/members/guess.ics", Cancel), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Availability_shows_free_periods_and_seats_left_without_saying_who_booked()
    {
        var member = Guid.NewGuid();
        var place = await _service.KnownPlaceAsync("Coworking de Lézignan");
        var desk = await _service.ResourceAsync(place, "desk");
        var openSpace = await _service.ResourceAsync(place, "open-space", seats: 2, name: "Plateau");
        await _service.EntitleAsync(member, place);
        // The day after tomorrow (UTC): a whole day still to come in Paris too, even when the test runs after 23:00 UTC
        // (Paris is already on the next day, and today's availability starts at the present moment).
        var start = _service.Tomorrow(9).AddDays(1);
        await Booking.IdAsync(await _service.BookAsync(desk, member, start, start.AddHours(2)));
        await Booking.IdAsync(await _service.BookAsync(openSpace, member, start.AddHours(5), start.AddHours(6)));
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));

        var deskFree = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/resources/{desk}/availability?date={day:yyyy-MM-dd}", Cancel);
        var spaces = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/booking/availability?placeId={place}&kind=open-space&date={day:yyyy-MM-dd}", Cancel);

        static (DateTimeOffset, DateTimeOffset, int)[] Periods(JsonNode node) => [.. node["free"]!.AsArray().Select(p => (p!["from"]!.GetValue<DateTimeOffset>(), p["to"]!.GetValue<DateTimeOffset>(), p["seatsLeft"]!.GetValue<int>()))];
        Assert.Equal([(midnight, start, 1), (start.AddHours(2), midnight.AddDays(1), 1)], Periods(deskFree!));
        var plateau = Assert.Single(spaces!)!;
        Assert.Equal([(midnight, start.AddHours(5), 2), (start.AddHours(5), start.AddHours(6), 1), (start.AddHours(6), midnight.AddDays(1), 2)], Periods(plateau));
        Assert.DoesNotContain("memberId", deskFree!.ToJsonString(), StringComparison.Ordinal);
        await Problem.AssertAsync(await _service.Admin.GetAsync($"/api/booking/resources/{desk}/availability?date={day:yyyy-MM-dd}&days=9", Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await _service.Admin.GetAsync($"/api/booking/availability?placeId={place}&kind=sofa&date={day:yyyy-MM-dd}", Cancel), HttpStatusCode.UnprocessableEntity);
    }
}
