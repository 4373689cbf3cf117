using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using TiersLieux.EndToEnd.Tests.Security;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// Booking runs as three replicas behind the gateway (the AppHost's <c>WithReplicas(3)</c>), consuming its queues as
/// competing consumers: each event is applied by exactly one replica, the no-double-booking guarantee holds whichever
/// replica answers, and a replica killed under load loses neither a read (the gateway sends it to another) nor an event.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ScaleOutTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_booking_replicas_apply_each_event_once_between_them_and_never_book_a_desk_twice()
    {
        // Three running and healthy, whichever test of the platform ran before (the kill test's victim restarts).
        var replicas = await BookingReplicasAsync();
        try
        {
            await TestWait.UntilAsync(async () => (replicas = await BookingReplicasAsync()).Count == 3, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{replicas.Count} booking replica(s) running and healthy after 90 s: {platform.AppHost.Describe()}");
        }

        var (place, plan) = await PlaceWithPlanAsync("Coworking à trois répliques");
        var members = new List<(Guid Member, string Trace)>();
        for (var i = 0; i < 12; i++)
        {
            members.Add(await SubscribedMemberAsync(place, plan, i));
        }

        var desk = await SecurityWorld.CreateAsync(platform.Admin, "/api/booking/resources", new { placeId = place, name = "Bureau partagé", kind = "desk" });

        // Each SubscriptionActivated was processed by exactly one booking replica, and the work was shared.
        var processedBy = new List<string>();
        foreach (var (_, trace) in members)
        {
            var spans = await platform.AppHost.WaitForTraceAsync(trace, spans => spans.Any(IsBookingSubscriptionProcess));
            var process = Assert.Single(spans, IsBookingSubscriptionProcess);
            processedBy.Add(process["instance"]!.GetValue<string>());
        }

        Assert.True(processedBy.Distinct().Count() >= 2, $"one replica took every event: {string.Join(", ", processedBy)}");

        // Every member at once for the same hour of the one desk, through the gateway's balancing over three replicas.
        var startsAt = SecurityWorld.NextWeekday(20, 10);
        var answers = await Task.WhenAll(members.Select(async member =>
        {
            HttpStatusCode status = default;
            // A member's subscription may reach booking a moment after the desk: 422 until then, never later.
            await TestWait.UntilAsync(async () =>
            {
                using var response = await platform.Admin.PostAsJsonAsync("/api/booking/bookings",
                    new { resourceId = desk, memberId = member.Member, startsAt, endsAt = startsAt.AddHours(1) }, Cancel);
                status = response.StatusCode;
                return status != HttpStatusCode.UnprocessableEntity;
            }, TimeSpan.FromSeconds(60));
            return status;
        }));

        Assert.Equal(1, answers.Count(status => status == HttpStatusCode.Created));
        Assert.Equal(members.Count - 1, answers.Count(status => status == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Killing_a_booking_replica_under_load_loses_no_read_and_no_event()
    {
        var (place, plan) = await PlaceWithPlanAsync("Coworking résilient");
        var desk = await SecurityWorld.CreateAsync(platform.Admin, "/api/booking/resources", new { placeId = place, name = "Bureau du fond", kind = "desk" });
        var victim = (await BookingReplicasAsync())[1];

        // Readers through the gateway for the whole scene, while events for booking keep coming.
        var failures = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await platform.Admin.GetAsync($"/api/booking/resources/{desk}", CancellationToken.None);
                Interlocked.Increment(ref reads);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
        }, CancellationToken.None)).ToList();

        var members = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            members.Add((await SubscribedMemberAsync(place, plan, i)).Member);
        }

        // The replica's own process: the AppHost starts it from its build output (TiersLieux.Hosting.Launcher) and
        // reports its pid to DCP, which Aspire publishes.
        Process.GetProcessById(victim.Pid).Kill();
        try
        {
            await TestWait.UntilAsync(() => platform.AppHost.Instances("booking-api").Any(replica => replica.ResourceId == victim.Name && KnownResourceStates.TerminalStates.Contains(replica.Snapshot.State?.Text)), TimeSpan.FromSeconds(60));
            for (var i = 4; i < 12; i++)
            {
                members.Add((await SubscribedMemberAsync(place, plan, i)).Member);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
            await stop.CancelAsync();
            await Task.WhenAll(readers);

            Assert.True(reads > 50, $"only {reads} reads");
            Assert.True(failures.IsEmpty, $"{failures.Count} of {reads} reads failed: {string.Join(" | ", failures.Take(3))}");

            // No event lost: every member's subscription reaches booking (each can book an hour of their own).
            var day = SecurityWorld.NextWeekday(22, 8);
            for (var i = 0; i < members.Count; i++)
            {
                var startsAt = day.AddMinutes(30 * i);
                await SecurityWorld.CreatedEventuallyAsync(() => platform.Admin.PostAsJsonAsync("/api/booking/bookings",
                    new { resourceId = desk, memberId = members[i], startsAt, endsAt = startsAt.AddMinutes(30) }, Cancel), $"booking for member {i}");
            }

            // Aspire leaves an exited replica exited (ops see it); its start command brings it back, and the next tests find three again.
            var started = await platform.AppHost.ExecuteCommandAsync(victim.Name, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            await TestWait.UntilAsync(async () => (await BookingReplicasAsync()).Count == 3, TimeSpan.FromSeconds(90));
        }
        finally
        {
            // Whatever failed above: the readers stop, and the next tests of the platform find three replicas again.
            await stop.CancelAsync();
            await StartAgainIfExitedAsync(victim.Name);
        }
    }

    /// <summary>The victim's start command, unless it runs again already (no assertion here: a failure of the test is the one to read).</summary>
    private async Task StartAgainIfExitedAsync(string victim)
    {
        if (platform.AppHost.Instances("booking-api").Any(replica => replica.ResourceId == victim && KnownResourceStates.TerminalStates.Contains(replica.Snapshot.State?.Text)))
        {
            await platform.AppHost.ExecuteCommandAsync(victim, KnownResourceCommands.StartCommand);
        }
    }

    private static bool IsBookingSubscriptionProcess(JsonObject span) =>
        span["resource"]!.GetValue<string>() == "booking-api" && span["kind"]!.GetValue<string>() == "consumer" &&
        span["name"]!.GetValue<string>() == "booking-subscription-activated process";

    /// <summary>The booking replicas that are running and healthy with a pid published: their resource ids and process ids.</summary>
    private Task<List<(string Name, int Pid)>> BookingReplicasAsync() => Task.FromResult<List<(string Name, int Pid)>>(
        [.. platform.AppHost.Instances("booking-api").Where(replica => PlatformAppHost.IsRunningAndHealthy(replica) && PlatformAppHost.Pid(replica) > 0)
            .Select(replica => (replica.ResourceId, PlatformAppHost.Pid(replica)!.Value))]);

    private async Task<(Guid Place, Guid Plan)> PlaceWithPlanAsync(string name)
    {
        var place = await SecurityWorld.CreateAsync(platform.Admin, "/api/directory/places", SamplePlaces.Narbonne($"{name} {Guid.NewGuid():N}"[..40]));
        var plan = await SecurityWorld.CreateAsync(platform.Admin, "/api/membership/plans",
            new { placeId = place, name = "Coworking au mois", kind = "monthly-coworking", priceCents = 9000, validityDays = 30, includedHours = new Dictionary<string, int>() });
        return (place, plan);
    }

    /// <summary>A new member of the place with an active subscription; the trace id of the subscription's creation.</summary>
    private async Task<(Guid Member, string Trace)> SubscribedMemberAsync(Guid place, Guid plan, int index)
    {
        var member = await SecurityWorld.CreateAsync(platform.Admin, "/api/membership/members",
            new { firstName = "Réplique", lastName = $"Membre {index}", email = $"replica.{Guid.NewGuid():N}@example.org", placeIds = new[] { place } });
        using var subscribed = await platform.Admin.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan }, Cancel);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        return (member, subscribed.Headers.GetValues("X-Trace-Id").Single());
    }

}
