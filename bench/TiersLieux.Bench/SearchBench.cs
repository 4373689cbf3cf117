extern alias directory;

using System.Diagnostics;
using directory::TiersLieux.Directory.Api.Demo;
using directory::TiersLieux.Directory.Api.Domain;
using directory::TiersLieux.Directory.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Testing.Messaging;

namespace TiersLieux.Bench;

/// <summary>
/// The directory's public search over HTTP on a real directory-api process and PostgreSQL holding
/// <c>places</c> sample places, beside two baselines on the same process: the plain paged list and a read by id.
/// Requests go one at a time (latency), then from several clients at once (throughput).
/// </summary>
internal static class SearchBench
{
    public static readonly (string Scenario, string Query)[] Searches =
    [
        ("search: French text (q=atelier partage)", "q=atelier%20partage"),
        ("search: text + typology + département", "q=coworking&typology=coworking&department=31"),
        ("search: near Toulouse, 50 km", "near=43.604,1.444&radiusKm=50"),
        ("search: services + labelled", "services=open-space,meeting-rooms&label=labelled"),
        ("search: open now, fablabs", "openNow=true&typology=fablab"),
        ("search: text near Narbonne, by distance", "q=numerique&near=43.184,3.004"),
    ];

    public static async Task<IReadOnlyList<(string Scenario, LatencySummary Summary)>> RunAsync(int places, int requests, int clients)
    {
        await using var lab = await MessagingLab.StartAsync();
        var seeded = await SeedAsync(lab.PublisherConnectionString, places);
        using var http = new HttpClient { BaseAddress = new Uri(lab.PublisherUrl()) };

        var scenarios = new List<(string, string)>
        {
            ("baseline: list page 1 (pageSize=20)", "/api/directory/places?page=1&pageSize=20"),
            ("baseline: read one place by id", $"/api/directory/places/{seeded}"),
        };
        scenarios.AddRange(Searches.Select(search => (search.Scenario, $"/api/directory/places/search?{search.Query}")));

        var rows = new List<(string, LatencySummary)>();
        foreach (var (scenario, path) in scenarios)
        {
            await MeasureAsync(http, path, Math.Min(50, requests), 1);
            rows.Add((scenario, await MeasureAsync(http, path, requests, 1)));
        }

        foreach (var (scenario, path) in scenarios.Where(s => s.Item1.StartsWith("baseline: list", StringComparison.Ordinal)).Concat(scenarios.Skip(2).Take(3)))
        {
            rows.Add(($"{scenario}, {clients} clients", await MeasureAsync(http, path, requests * 2, clients)));
        }

        return rows;
    }

    /// <summary>The sample places straight into the database (the directory has migrated it); half labelled. One place's id.</summary>
    private static async Task<Guid> SeedAsync(string connectionString, int count)
    {
        var options = new DbContextOptionsBuilder<DirectoryDbContext>().UseNpgsql(connectionString).Options;
        var now = DateTimeOffset.UtcNow;
        var generated = SampleNetwork.Generate(count, seed: 11);
        Guid any = Guid.Empty;
        foreach (var chunk in generated.Chunk(500))
        {
            await using var db = new DirectoryDbContext(options);
            foreach (var (details, index) in chunk.Select((d, i) => (d, i)))
            {
                var place = Place.Register(details, now).Place!;
                if (index % 2 == 0)
                {
                    place.GrantLabel(2, new DateOnly(2029, 6, 30), now);
                }

                db.Places.Add(place);
                any = place.Id;
            }

            await db.SaveChangesAsync();
        }

        await using (var db = new DirectoryDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE directory.\"Places\"");
        }

        return any;
    }

    private static async Task<LatencySummary> MeasureAsync(HttpClient http, string path, int count, int clients)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return LatencySummary.Of(latencies, clock.Elapsed);
    }
}
