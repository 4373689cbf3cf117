using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>The network agenda and its iCalendar feed, parsed back as a calendar client would.</summary>
public sealed class AgendaTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly DateTimeOffset NextWeek = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(7).AddHours(8);
    private ServiceFactory<Program> _service = null!;
    private TestTokenIssuer _tokens = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tokens = await TestTokenIssuer.SharedAsync();
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(_tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = await infrastructure.CreateDatabaseAsync("agenda"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
        });
        _admin = _service.CreateClient().WithBearer(_tokens.NetworkAdmin());
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _service.DisposeAsync();
    }

    private static object Event(string title, string kind, DateTimeOffset starts, double hours, Guid? placeId = null) =>
        new { title, kind, startsAt = starts, endsAt = starts.AddHours(hours), placeId, location = "Narbonne", description = "Ouvert à tous.", url = "https://tierslieux-occitanie.example/agenda" };

    private async Task<Guid> ScheduleAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/directory/agenda", body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task The_iCalendar_feed_parses_back_with_every_event_and_shows_a_cancellation_as_a_new_sequence()
    {
        var place = JsonNode.Parse(await (await _admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("IN'ESS"), Cancel)).Content.ReadAsStringAsync(Cancel))!["id"]!.GetValue<Guid>();
        using var operatorClient = _service.CreateClient().WithBearer(_tokens.PlaceOperator(place));
        var meeting = await ScheduleAsync(_admin, Event("Rencontre régionale des tiers-lieux", "meeting", NextWeek, 7));
        var openDay = await ScheduleAsync(operatorClient, Event("Portes ouvertes d'IN'ESS", "open-day", NextWeek.AddDays(3), 4, place));
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/directory/agenda/{openDay}", Cancel)).StatusCode);

        var response = await _service.CreateClient().GetAsync("/api/directory/agenda/agenda.ics", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("VERSION:2.0\r\n", text, StringComparison.Ordinal);
        var calendar = Calendar.Load(text)!;
        Assert.Equal(2, calendar.Events.Count);
        var regional = calendar.Events.Single(e => e.Uid == $"{meeting}@tierslieux-occitanie");
        Assert.Equal("Rencontre régionale des tiers-lieux", regional.Summary);
        Assert.Equal(NextWeek.UtcDateTime, regional.DtStart!.AsUtc);
        Assert.Equal(NextWeek.AddHours(7).UtcDateTime, regional.DtEnd!.AsUtc);
        Assert.Equal("CONFIRMED", regional.Status);
        var cancelled = calendar.Events.Single(e => e.Uid == $"{openDay}@tierslieux-occitanie");
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(1, cancelled.Sequence);
        Assert.All(calendar.Events, e => Assert.NotNull(e.DtStamp));
    }

    [Fact]
    public async Task Operators_schedule_at_their_own_place_only_and_bad_events_are_refused()
    {
        var place = JsonNode.Parse(await (await _admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("Fablab de Gruissan"), Cancel)).Content.ReadAsStringAsync(Cancel))!["id"]!.GetValue<Guid>();
        using var otherOperator = _service.CreateClient().WithBearer(_tokens.PlaceOperator(Guid.NewGuid()));
        using var member = _service.CreateClient().WithBearer(_tokens.Member(Guid.NewGuid()));

        await Problem.AssertAsync(await otherOperator.PostAsJsonAsync("/api/directory/agenda", Event("Pas chez moi", "training", NextWeek, 2, place), Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await otherOperator.PostAsJsonAsync("/api/directory/agenda", Event("Régional", "meeting", NextWeek, 2), Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await member.PostAsJsonAsync("/api/directory/agenda", Event("Membre", "other", NextWeek, 2), Cancel), HttpStatusCode.Forbidden);
        var backwards = await _admin.PostAsJsonAsync("/api/directory/agenda", Event("À l'envers", "meeting", NextWeek, -2), Cancel);
        Assert.NotNull((await Problem.AssertAsync(backwards, HttpStatusCode.UnprocessableEntity))["errors"]!["endsAt"]);
        var farPast = await _admin.PostAsJsonAsync("/api/directory/agenda", Event("Trop ancien", "meeting", NextWeek.AddYears(-5), 2), Cancel);
        Assert.NotNull((await Problem.AssertAsync(farPast, HttpStatusCode.UnprocessableEntity))["errors"]!["startsAt"]);
        var unknownKind = await _admin.PostAsJsonAsync("/api/directory/agenda", Event("Inconnu", "party", NextWeek, 2), Cancel);
        await Problem.AssertAsync(unknownKind, HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await _admin.DeleteAsync($"/api/directory/agenda/{Guid.NewGuid()}", Cancel), HttpStatusCode.NotFound);
        Assert.Empty((await _service.CreateClient().GetFromJsonAsync<JsonArray>("/api/directory/agenda", Cancel))!);
    }
}
