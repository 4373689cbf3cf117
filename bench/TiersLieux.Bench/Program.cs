using System.Globalization;
using TiersLieux.Bench;

// bench/run.sh [propagation] [search] [booking] [--quick]: prints each figure beside its baseline, measured in the same run.
var quick = args.Contains("--quick");
var selected = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
bool Runs(string bench) => selected.Count == 0 || selected.Contains(bench);
var culture = CultureInfo.InvariantCulture;

Console.WriteLine($"TiersLieux bench, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

void Table(IReadOnlyList<(string Scenario, LatencySummary Summary)> rows, string rate)
{
    Console.WriteLine(string.Create(culture, $"| {"scenario",-50} | {"count",6} | {rate,9} | {"p50 ms",7} | {"p95 ms",7} | {"p99 ms",7} | {"max ms",7} |"));
    Console.WriteLine($"|{new string('-', 52)}|{new string('-', 8)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
    foreach (var (scenario, s) in rows)
    {
        Console.WriteLine(string.Create(culture, $"| {scenario,-50} | {s.Count,6} | {s.RatePerSecond,9:0.0} | {s.P50,7:0.0} | {s.P95,7:0.0} | {s.P99,7:0.0} | {s.Max,7:0.0} |"));
    }

    Console.WriteLine();
}

if (Runs("propagation"))
{
    var steady = quick ? 300 : 1000;
    var burst = quick ? 600 : 2000;
    Console.WriteLine();
    Console.WriteLine("Event propagation: HTTP commit (201) → consumer effect committed; baseline: direct MassTransit publish → same consumer.");
    Console.WriteLine($"{steady} events per steady run, {burst} per flat-out run.");
    Console.WriteLine();
    var rows = await PropagationBench.RunAsync(steady, burst);
    Table(rows, "applied/s");
    for (var i = 0; i < rows.Count; i += 2)
    {
        var (pipe, baseline) = (rows[i].Summary, rows[i + 1].Summary);
        Console.WriteLine(string.Create(culture,
            $"{rows[i].Scenario}: p50 ×{pipe.P50 / baseline.P50:0.00}, p99 ×{pipe.P99 / baseline.P99:0.00}, rate ×{pipe.RatePerSecond / baseline.RatePerSecond:0.00} of the baseline"));
    }
}

if (Runs("search"))
{
    const int places = 5000;
    var requests = quick ? 100 : 400;
    const int clients = 4;
    Console.WriteLine();
    Console.WriteLine($"Directory search over HTTP, {places} places; baselines: the plain paged list and a read by id on the same process.");
    Console.WriteLine($"{requests} requests one at a time per scenario (after a warm-up), then {requests * 2} from {clients} clients at once.");
    Console.WriteLine();
    var rows = await SearchBench.RunAsync(places, requests, clients);
    Table(rows, "req/s");
    var baseline = rows[0].Summary;
    foreach (var (scenario, s) in rows.Skip(2).Take(SearchBench.Searches.Length))
    {
        Console.WriteLine(string.Create(culture, $"{scenario}: p95 {s.P95:0.0} ms ({(s.P95 < 50 ? "under" : "OVER")} the 50 ms target), ×{s.P95 / baseline.P95:0.00} of the list's p95"));
    }
}

if (Runs("booking"))
{
    var requests = quick ? 600 : 3000;
    const int clients = 32;
    const int members = 64;
    var replicas = args.FirstOrDefault(arg => arg.StartsWith("--booking-replicas=", StringComparison.Ordinal)) is { } given
        ? int.Parse(given["--booking-replicas=".Length..], culture)
        : 1;
    Console.WriteLine();
    Console.WriteLine($"Booking under contention: {clients} members at once, {requests} requests per run for 4 desks and a 6-seat open space over one day");
    Console.WriteLine($"(1 to 3 hours from 08:00 to 17:00): most requests overlap. Baseline: straight to booking-api ({replicas} replica(s)); then through the gateway.");
    Console.WriteLine();
    var (runs, overlaps, mostSeats) = await BookingBench.RunAsync(requests, clients, members, replicas);
    Table([.. runs.Select(run => (run.Scenario, run.Summary))], "answers/s");
    foreach (var run in runs)
    {
        Console.WriteLine(string.Create(culture,
            $"{run.Scenario}: {run.Booked} booked ({run.BookedPerSecond:0.0}/s), {run.Refused} refused 409 ({run.RefusedPerSecond:0.0}/s), {run.Failed} other answers"));
    }

    var (direct, gateway) = (runs[0].Summary, runs[1].Summary);
    Console.WriteLine(string.Create(culture, $"gateway vs direct: answers/s ×{gateway.RatePerSecond / direct.RatePerSecond:0.00}, p50 ×{gateway.P50 / direct.P50:0.00}, p99 ×{gateway.P99 / direct.P99:0.00}"));
    Console.WriteLine($"database afterwards: {overlaps} overlapping confirmed bookings of a desk (must be 0); at most {mostSeats} of 6 open-space seats taken at once (must be ≤ 6)");
    if (overlaps != 0 || mostSeats > 6)
    {
        Environment.ExitCode = 1;
    }
}
