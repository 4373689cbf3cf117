using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>Indicators kept from membership's events over RabbitMQ, on a seeded history whose figures are counted by hand.</summary>
public sealed class IndicatorsTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);
    private ServiceFactory<Program> _service = null!;
    private TestTokenIssuer _tokens = null!;
    private HttpClient _admin = null!;
    private Guid _a;
    private Guid _b;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 10, 0, 0, Paris);

    public async ValueTask InitializeAsync()
    {
        _tokens = await TestTokenIssuer.SharedAsync();
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(_tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = await infrastructure.CreateDatabaseAsync("indicators"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            // Its own queues: the assembly's other directory hosts share the broker.
            ["Messaging:EndpointPrefix"] = $"i{Guid.NewGuid():N}"[..9],
        });
        _admin = _service.CreateClient().WithBearer(_tokens.NetworkAdmin());
        await _service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        _a = await PlaceAsync("Coworking A");
        _b = await PlaceAsync("Fablab B");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _service.DisposeAsync();
    }

    private async Task<Guid> PlaceAsync(string name)
    {
        var response = await _admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne(name), Cancel);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Figures_per_place_and_for_the_region_match_a_history_counted_by_hand_whatever_the_order_and_duplicates()
    {
        var bus = _service.Services.GetRequiredService<IBus>();
        var (m1, m2, m3, m4) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (s1, s2, s3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var duplicated = NewId.NextGuid();
        Task Publish<T>(T message, Guid? messageId = null) where T : class => bus.Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid(), Cancel);

        await Publish(new MemberRegistered(m1, "M1", "m1@example.org", [_a], 1, On(2025, 12, 1)));
        // m2 moved to B only (version 2) before its registration (version 1, at A and B) arrives: B it is.
        await Publish(new MemberUpdated(m2, "M2", "m2@example.org", [_b], 2, On(2026, 4, 1)));
        await Publish(new MemberRegistered(m2, "M2", "m2@example.org", [_a, _b], 1, On(2026, 2, 10)));
        await Publish(new MemberRegistered(m3, "M3", "m3@example.org", [_b], 1, On(2026, 3, 5)));
        await Publish(new MemberErased(m3, On(2026, 5, 1)));
        await Publish(new MemberRegistered(m4, "M4", "m4@example.org", [_a], 1, On(2026, 7, 15)));
        var s1Activated = new SubscriptionActivated(s1, m1, Guid.NewGuid(), "monthly-coworking", _a, [_a], new Dictionary<string, int>(), On(2026, 1, 10), On(2026, 2, 9), On(2026, 1, 10));
        await Publish(s1Activated, duplicated);
        await Publish(s1Activated, duplicated);
        await Publish(new SubscriptionEnded(s1, m1, "expired", On(2026, 2, 9)));
        await Publish(new SubscriptionActivated(s2, m2, Guid.NewGuid(), "network-pass", null, [_a, _b], new Dictionary<string, int>(), On(2026, 6, 1), On(2026, 7, 1), On(2026, 6, 1)));
        await Publish(new SubscriptionActivated(s3, m3, Guid.NewGuid(), "annual-fablab", _b, [_b], new Dictionary<string, int>(), On(2025, 11, 1), On(2026, 11, 1), On(2025, 11, 1)));
        await Publish(new SubscriptionEnded(s3, m3, "cancelled", On(2026, 3, 1)));
        // Hours used: a desk at A (announced twice, under two message ids), a machine at B, a desk at A after the period.
        var (b1, b2, b3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Publish(new BookingCompleted(b1, Guid.NewGuid(), "desk", null, _a, m1, 2.5m, On(2026, 3, 10)));
        await Publish(new BookingCompleted(b1, Guid.NewGuid(), "desk", null, _a, m1, 2.5m, On(2026, 3, 10)));
        await Publish(new BookingCompleted(b2, Guid.NewGuid(), "machine", Guid.NewGuid(), _b, m2, 3m, On(2026, 5, 1)));
        await Publish(new BookingCompleted(b3, Guid.NewGuid(), "desk", null, _a, m4, 1m, On(2026, 7, 5)));
        // Trainings: two learners at B, and m2 again in a network-wide course (the region's only).
        await Publish(new TrainingCompleted(Guid.NewGuid(), m2, Guid.NewGuid(), "Sécurité laser", _b, ["laser-cutter"], 14m, On(2026, 4, 20)));
        await Publish(new TrainingCompleted(Guid.NewGuid(), m3, Guid.NewGuid(), "Initiation CAO", _b, [], 7m, On(2026, 6, 10)));
        await Publish(new TrainingCompleted(Guid.NewGuid(), m2, Guid.NewGuid(), "Médiation numérique", null, [], 3.5m, On(2026, 2, 1)));

        await TestWait.UntilAsync(async () =>
        {
            await using var scope = _service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            // The events are consumed concurrently, in any order: each one's effect is waited for, m2's move included (a
            // loaded run read the figures after both registrations but before the move, and found m2 still at A).
            return await db.MemberTallies.CountAsync(m => m.RegisteredAt > DateTimeOffset.MinValue, Cancel) == 4
                && await db.MemberTallies.AnyAsync(m => m.MemberId == m2 && m.Version == 2, Cancel)
                && await db.MemberTallies.AnyAsync(m => m.ErasedAt != null, Cancel)
                && await db.SubscriptionTallies.CountAsync(s => s.EndedAt != null && s.PlanKind != "", Cancel) == 2
                && await db.SubscriptionTallies.CountAsync(Cancel) == 3
                && await db.UsageTallies.CountAsync(Cancel) == 6;
        }, TimeSpan.FromSeconds(30));

        var report = await _admin.GetFromJsonAsync<JsonObject>("/api/directory/indicators?from=2026-01-01&to=2026-06-30", Cancel);

        static int[] Figures(JsonNode figures) => [figures["membersAtEnd"]!.GetValue<int>(), figures["newMembers"]!.GetValue<int>(),
            figures["activeSubscriptionsAtEnd"]!.GetValue<int>(), figures["subscriptionsStarted"]!.GetValue<int>(), figures["subscriptionsEnded"]!.GetValue<int>()];
        var places = report!["places"]!.AsArray().ToDictionary(p => p!["placeId"]!.GetValue<Guid>(), p => Figures(p!["figures"]!));
        // A: m1 at the end, nobody new (m2 moved to B); s2 active at the end; s1 and s2 started; s1 ended.
        Assert.Equal([1, 0, 1, 2, 1], places[_a]);
        // B: m2 at the end (m3 erased), m2 and m3 new; s2 active and started; s3 ended.
        Assert.Equal([1, 2, 1, 1, 1], places[_b]);
        // The region counts a member or a subscription of two places once.
        Assert.Equal([2, 2, 1, 2, 2], Figures(report["region"]!));
        static decimal[] Usage(JsonNode figures) => [figures["bookedHours"]!.GetValue<decimal>(), figures["machineHours"]!.GetValue<decimal>(),
            figures["trainingHours"]!.GetValue<decimal>(), figures["learners"]!.GetValue<int>()];
        var usage = report["places"]!.AsArray().ToDictionary(p => p!["placeId"]!.GetValue<Guid>(), p => Usage(p!["figures"]!));
        Assert.Equal([2.5m, 0m, 0m, 0], usage[_a]);
        Assert.Equal([0m, 3m, 21m, 2], usage[_b]);
        Assert.Equal([2.5m, 3m, 24.5m, 2], Usage(report["region"]!));

        var csv = await _admin.GetStringAsync("/api/directory/indicators/indicators.csv?from=2026-01-01&to=2026-06-30", Cancel);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("du,au,lieu_id,lieu,departement,typologie,labellise,adherents_fin_periode", lines[0], StringComparison.Ordinal);
        Assert.Equal("2026-01-01,2026-06-30,,Région Occitanie,,,,2,2,1,2,2,2.50,3.00,24.50,2", lines[^1].TrimEnd('\r'));
    }

    [Fact]
    public async Task An_operator_sees_their_places_figures_only_and_members_none()
    {
        using var operatorOfA = _service.CreateClient().WithBearer(_tokens.PlaceOperator(_a));
        using var member = _service.CreateClient().WithBearer(_tokens.Member(Guid.NewGuid()));

        var report = await operatorOfA.GetFromJsonAsync<JsonObject>("/api/directory/indicators?from=2026-01-01&to=2026-06-30", Cancel);

        Assert.Equal([_a], report!["places"]!.AsArray().Select(p => p!["placeId"]!.GetValue<Guid>()));
        Assert.Null(report["region"]);
        await Problem.AssertAsync(await operatorOfA.GetAsync("/api/directory/indicators/indicators.csv", Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await member.GetAsync("/api/directory/indicators", Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await _admin.GetAsync("/api/directory/indicators?from=2026-06-30&to=2026-01-01", Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await _admin.GetAsync("/api/directory/indicators?from=yesterday", Cancel), HttpStatusCode.BadRequest);
    }
}
