using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging;
using TiersLieux.Testing.Messaging;

namespace TiersLieux.Bench;

/// <summary>
/// Event propagation, HTTP commit → consumer effect committed, through the real pipe (directory-api's outbox and
/// dispatcher, RabbitMQ, an inbox consumer), beside a baseline of a direct MassTransit publish to the same consumer,
/// in one run on the same processes.
/// </summary>
internal static class PropagationBench
{
    public static async Task<IReadOnlyList<(string Scenario, LatencySummary Summary)>> RunAsync(int steadyCount, int burstCount)
    {
        await using var lab = await MessagingLab.StartAsync();
        var bus = lab.Consumer.Services.GetRequiredService<IBus>();

        // Warm-up: JIT, connection pools, queues.
        await MeasureAsync(lab, 50, null, 4, (i, _) => ThroughOutboxAsync(lab, $"Warm-up {i}"));
        await MeasureAsync(lab, 50, null, 4, (i, _) => DirectAsync(bus, $"Warm-up direct {i}"));

        var rows = new List<(string, LatencySummary)>
        {
            ("outbox pipe, steady 100/s", await MeasureAsync(lab, steadyCount, 100, 64, (i, _) => ThroughOutboxAsync(lab, $"Steady {i}"))),
            ("direct publish (baseline), steady 100/s", await MeasureAsync(lab, steadyCount, 100, 64, (i, _) => DirectAsync(bus, $"Steady direct {i}"))),
            ("outbox pipe, flat out (16 writers)", await MeasureAsync(lab, burstCount, null, 16, (i, _) => ThroughOutboxAsync(lab, $"Burst {i}"))),
            ("direct publish (baseline), flat out (16 publishers)", await MeasureAsync(lab, burstCount, null, 16, (i, _) => DirectAsync(bus, $"Burst direct {i}"))),
            ($"outbox drain, {burstCount} committed at once", await DrainAsync(lab, burstCount)),
            ("direct publish (baseline), flat out again", await MeasureAsync(lab, burstCount, null, 16, (i, _) => DirectAsync(bus, $"Burst direct again {i}"))),
        };
        return rows;
    }

    /// <summary>A place registered over HTTP; the clock starts when the commit is acknowledged (201).</summary>
    private static async Task<(Guid, DateTimeOffset)> ThroughOutboxAsync(MessagingLab lab, string name)
    {
        var id = await MessagingLab.RegisterPlaceAsync(name, lab.PublisherUrl());
        return (id, DateTimeOffset.UtcNow);
    }

    /// <summary>The same event published straight to the broker; the clock starts before the publish.</summary>
    private static async Task<(Guid, DateTimeOffset)> DirectAsync(IBus bus, string name)
    {
        var id = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow;
        await bus.Publish(new PlaceRegistered(id, name, "coworking", "Montpellier", "34000", "34", 43.6, 3.88, 1, start));
        return (id, start);
    }

    /// <summary>
    /// The dispatcher alone, flat out: <paramref name="count"/> events committed in directory-api's outbox in one
    /// transaction (as a burst of writers leaves them), then one place registered over HTTP, whose commit wakes the
    /// dispatcher as any writer's does. The clock starts at the commit; the HTTP writers no longer bound the rate.
    /// </summary>
    private static async Task<LatencySummary> DrainAsync(MessagingLab lab, int count)
    {
        var before = await lab.EffectCountAsync();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var db = PublisherOutboxDbContext.Create(lab.PublisherConnectionString))
        {
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                db.AddIntegrationEvent(new PlaceRegistered(id, $"Drain {i}", "coworking", "Montpellier", "34000", "34", 43.6, 3.88, 1, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        var committed = DateTimeOffset.UtcNow;
        await MessagingLab.RegisterPlaceAsync("Drain wake-up", lab.PublisherUrl());
        var effects = await lab.WaitForEffectsAsync(before + count + 1, TimeSpan.FromMinutes(5));
        var wanted = ids.ToHashSet();
        var applied = effects.Where(e => wanted.Contains(e.PlaceId)).ToList();
        return LatencySummary.Of(applied.Select(e => (e.AppliedAt - committed).TotalMilliseconds).ToList(), applied.Max(e => e.AppliedAt) - committed);
    }

    private static async Task<LatencySummary> MeasureAsync(MessagingLab lab, int count, double? ratePerSecond, int concurrency,
        Func<int, CancellationToken, Task<(Guid Id, DateTimeOffset Start)>> send)
    {
        var before = await lab.EffectCountAsync();
        var starts = new ConcurrentDictionary<Guid, DateTimeOffset>();
        using var slots = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        var began = DateTimeOffset.UtcNow;
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            if (ratePerSecond is { } rate)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }

            await slots.WaitAsync();
            var index = i;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    var (id, start) = await send(index, CancellationToken.None);
                    starts[id] = start;
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        var effects = await lab.WaitForEffectsAsync(before + count, TimeSpan.FromMinutes(5));
        var applied = effects.Where(e => starts.ContainsKey(e.PlaceId)).ToList();
        var latencies = applied.Select(e => (e.AppliedAt - starts[e.PlaceId]).TotalMilliseconds).ToList();
        var last = applied.Max(e => e.AppliedAt);
        return LatencySummary.Of(latencies, last - began);
    }
}
