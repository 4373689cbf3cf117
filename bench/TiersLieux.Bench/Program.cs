using System.Globalization;
using TiersLieux.Bench;

// bench/run.sh [propagation] [--quick]: prints each figure beside its baseline, measured in the same run.
var quick = args.Contains("--quick");
var steady = quick ? 300 : 1000;
var burst = quick ? 600 : 2000;
var culture = CultureInfo.InvariantCulture;

Console.WriteLine($"TiersLieux bench, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine($"Event propagation: HTTP commit (201) → consumer effect committed; baseline: direct MassTransit publish → same consumer.");
Console.WriteLine($"{steady} events per steady run, {burst} per flat-out run.");
Console.WriteLine();

var rows = await PropagationBench.RunAsync(steady, burst);
Console.WriteLine(string.Create(culture, $"| {"scenario",-50} | {"events",6} | {"applied/s",9} | {"p50 ms",7} | {"p95 ms",7} | {"p99 ms",7} | {"max ms",7} |"));
Console.WriteLine($"|{new string('-', 52)}|{new string('-', 8)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
foreach (var (scenario, s) in rows)
{
    Console.WriteLine(string.Create(culture, $"| {scenario,-50} | {s.Count,6} | {s.RatePerSecond,9:0.0} | {s.P50,7:0.0} | {s.P95,7:0.0} | {s.P99,7:0.0} | {s.Max,7:0.0} |"));
}

Console.WriteLine();
for (var i = 0; i < rows.Count; i += 2)
{
    var (pipe, baseline) = (rows[i].Summary, rows[i + 1].Summary);
    Console.WriteLine(string.Create(culture,
        $"{rows[i].Scenario}: p50 ×{pipe.P50 / baseline.P50:0.00}, p99 ×{pipe.P99 / baseline.P99:0.00}, rate ×{pipe.RatePerSecond / baseline.RatePerSecond:0.00} of the baseline"));
}
