using System.Globalization;
using TiersLieux.Bench;

// bench/run.sh [platform] [propagation] [search] [booking] [website] [soak] [--quick] [--booking-replicas=N] [--booking-pool=N] [--soak-minutes=N] [--pin]: prints each figure beside its baseline, measured
// in the same run, and a summary of ratios; a full run (no bench named, not --quick) also writes bench/RESULTS.md.
var quick = args.Contains("--quick");
var transcript = new StringWriter();
var console = Console.Out;
Console.SetOut(new Tee(console, transcript));
var summary = new List<(string Figure, string Measured, string Baseline, string Ratio)>();
void Ratio(string figure, double measured, double baseline, string unit, string format = "0.0") =>
    summary.Add((figure, measured.ToString(format, CultureInfo.InvariantCulture) + unit, baseline.ToString(format, CultureInfo.InvariantCulture) + unit,
        "×" + (measured / baseline).ToString("0.00", CultureInfo.InvariantCulture)));
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

if (Runs("platform"))
{
    var duration = TimeSpan.FromSeconds(quick ? 5 : 15);
    const int connections = 16;
    Console.WriteLine();
    Console.WriteLine("The platform as ./run.sh starts it: AppHost cold start (fresh state) and warm start (kept state) to all resources healthy;");
    Console.WriteLine($"then wrk (2 threads, {connections} connections, {duration.TotalSeconds:0} s each, loopback) straight to directory-api, through the gateway and through a bare YARP");
    Console.WriteLine("(no middleware or telemetry: what a proxy hop costs here), median of three alternating rounds; resident memory idle and under that load.");
    Console.WriteLine();
    var pinned = args.Contains("--pin");
    if (pinned)
    {
        Console.WriteLine("--pin: the AppHost and everything it starts (PostgreSQL, the services, the dashboard, DCP) and the bare YARP on core 0, wrk (1 thread) on core 1.");
        Console.WriteLine();
    }

    var (starts, wrk, memory) = await PlatformBench.RunAsync(duration, connections, pinned);
    Console.WriteLine(string.Create(culture, $"AppHost start to all healthy: cold {starts.Cold.TotalSeconds:0.0} s (initdb, a new RabbitMQ node, migrations, demo data), warm {starts.Warm.TotalSeconds:0.0} s"));
    Console.WriteLine(string.Create(culture, $"  baseline, the same warm start with DCP starting each project through `dotnet run --no-build` (--Projects:StartWith=dotnet-run): {starts.WarmThroughDotnetRun.TotalSeconds:0.0} s"));
    Console.WriteLine(string.Create(culture, $"  baseline, the same warm start with the runtime's default tier-1 delay (DOTNET_TC_CallCountingDelayMs=100): {starts.WarmDefaultTierDelay.TotalSeconds:0.0} s"));
    Console.WriteLine();
    Console.WriteLine(string.Create(culture, $"| {"scenario",-72} | {"req/s",9} | {"p50 ms",7} | {"p99 ms",7} | {"requests",9} | {"non-2xx",7} |"));
    Console.WriteLine($"|{new string('-', 74)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 9)}|");
    foreach (var row in wrk)
    {
        Console.WriteLine(string.Create(culture, $"| {row.Scenario,-72} | {row.RequestsPerSecond,9:0} | {row.P50Ms,7:0.00} | {row.P99Ms,7:0.00} | {row.Requests,9} | {row.NonSuccess,7} |"));
    }

    Console.WriteLine();
    // Where the machine's CPU went, per request: on two cores shared by wrk, proxy, service, PostgreSQL and the dashboard,
    // throughput through a proxy is bounded by the sum of these, whatever the proxy does.
    string[] cpuColumns = ["directory-api", "postgres", "gateway", "bare YARP", "AppHost", "dashboard", "DCP"];
    Console.WriteLine("CPU time per request (µs, user + system, during the kept round; \"other\" is wrk, the kernel's own threads and idle services):");
    Console.WriteLine(string.Create(culture, $"| {"scenario",-72} | {string.Join(" | ", cpuColumns.Select(c => c.PadLeft(Math.Max(9, c.Length))))} | {"other",6} | {"machine",7} |"));
    Console.WriteLine($"|{new string('-', 74)}|{string.Join("|", cpuColumns.Select(c => new string('-', Math.Max(9, c.Length) + 2)))}|{new string('-', 8)}|{new string('-', 9)}|");
    foreach (var row in wrk)
    {
        var cpu = row.CpuPerRequest;
        var machine = cpu.GetValueOrDefault("machine");
        var other = machine - cpuColumns.Sum(column => cpu.GetValueOrDefault(column));
        Console.WriteLine(string.Create(culture,
            $"| {row.Scenario,-72} | {string.Join(" | ", cpuColumns.Select(c => cpu.GetValueOrDefault(c).ToString("0", culture).PadLeft(Math.Max(9, c.Length))))} | {other,6:0} | {machine,7:0} |"));
    }

    Console.WriteLine();
    for (var i = 0; i < wrk.Count; i += 3)
    {
        var (direct, gateway, bare) = (wrk[i], wrk[i + 1], wrk[i + 2]);
        var what = direct.Scenario[..direct.Scenario.IndexOf(',', StringComparison.Ordinal)];
        Console.WriteLine(string.Create(culture,
            $"gateway vs direct, {what}: req/s ×{gateway.RequestsPerSecond / direct.RequestsPerSecond:0.00}, p50 ×{gateway.P50Ms / direct.P50Ms:0.00}, p99 ×{gateway.P99Ms / direct.P99Ms:0.00}; bare YARP vs direct: req/s ×{bare.RequestsPerSecond / direct.RequestsPerSecond:0.00}"));
        Ratio($"gateway req/s, {what}", gateway.RequestsPerSecond, direct.RequestsPerSecond, "/s", "0");
        Ratio($"bare YARP req/s (reference), {what}", bare.RequestsPerSecond, direct.RequestsPerSecond, "/s", "0");
        Ratio($"gateway req/s against bare YARP, {what}", gateway.RequestsPerSecond, bare.RequestsPerSecond, "/s", "0");
        Ratio($"gateway p99, {what}", gateway.P99Ms, direct.P99Ms, " ms", "0.00");
        Ratio($"machine CPU per request through the gateway, {what}", gateway.CpuPerRequest["machine"], direct.CpuPerRequest["machine"], " µs", "0");
        Ratio($"gateway's CPU per request against bare YARP's, {what}", gateway.CpuPerRequest["gateway"], bare.CpuPerRequest["bare YARP"], " µs", "0");
    }

    Ratio("AppHost warm start (cold = baseline)", starts.Warm.TotalSeconds, starts.Cold.TotalSeconds, " s");
    Ratio("AppHost warm start, projects from their build output (through dotnet run = baseline)", starts.Warm.TotalSeconds, starts.WarmThroughDotnetRun.TotalSeconds, " s");
    Ratio("AppHost warm start, tier 1 after the start (runtime's default delay = baseline)", starts.Warm.TotalSeconds, starts.WarmDefaultTierDelay.TotalSeconds, " s");
    Console.WriteLine();
    Console.WriteLine(string.Create(culture, $"| {"process",-16} | {"idle MiB",9} | {"load MiB",9} | {"load/idle",9} |"));
    Console.WriteLine($"|{new string('-', 18)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 11)}|");
    foreach (var row in memory)
    {
        Console.WriteLine(string.Create(culture, $"| {row.Resource,-16} | {row.IdleMiB,9:0.0} | {row.LoadMiB,9:0.0} | ×{row.LoadMiB / row.IdleMiB,8:0.00} |"));
        if (row.Resource is "gateway" or "directory-api")
        {
            Ratio($"RSS under load, {row.Resource} (idle = baseline)", row.LoadMiB, row.IdleMiB, " MiB");
        }
    }

    Console.WriteLine(string.Create(culture, $"all processes: idle {memory.Sum(m => m.IdleMiB):0} MiB, under load {memory.Sum(m => m.LoadMiB):0} MiB"));
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
        Ratio($"event propagation p99, {rows[i].Scenario}", pipe.P99, baseline.P99, " ms");
        Ratio($"event propagation rate, {rows[i].Scenario}", pipe.RatePerSecond, baseline.RatePerSecond, "/s", "0");
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
        Ratio($"search p95, {scenario} (list = baseline)", s.P95, baseline.P95, " ms");
    }
}

if (Runs("website"))
{
    var requests = quick ? 100 : 400;
    var loads = quick ? 5 : 15;
    const int places = 5000;
    Console.WriteLine();
    Console.WriteLine("The website on the AppHost: a place page's server time (the full answer, one request at a time) against the directory read behind it;");
    Console.WriteLine($"the map page in headless Chromium from navigation to markers drawn, {loads} fresh pages each, the demo network then {places} places,");
    Console.WriteLine("against the same page filtered to one département. Targets: place page p95 under 50 ms, map under 1 s.");
    Console.WriteLine();
    var rows = await WebsiteBench.RunAsync(requests, loads, places);
    Table(rows, "/s");
    foreach (var (i, views) in new[] { (0, "repeat views"), (2, "first views") })
    {
        var (read, page) = (rows[i].Summary, rows[i + 1].Summary);
        Console.WriteLine(string.Create(culture, $"place page, {views}: p95 {page.P95:0.0} ms ({(page.P95 < 50 ? "under" : "OVER")} the 50 ms target), ×{page.P95 / read.P95:0.00} of the directory read's p95"));
        Ratio($"place page p95, {views} (directory read through the gateway = baseline)", page.P95, read.P95, " ms");
    }

    for (var i = 4; i + 1 < rows.Count; i += 2)
    {
        var (aude, all) = (rows[i].Summary, rows[i + 1].Summary);
        Console.WriteLine(string.Create(culture, $"{rows[i + 1].Scenario}: p50 {all.P50:0} ms, p95 {all.P95:0} ms ({(all.P95 < 1000 ? "under" : "OVER")} 1 s), ×{all.P50 / aude.P50:0.00} of the Aude map's p50"));
        Ratio($"{rows[i + 1].Scenario}, p95 (Aude only = baseline)", all.P95, aude.P95, " ms", "0");
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
    // --booking-pool=N: booking-api's connection pool at most N (the services' default otherwise), to compare.
    int? pool = args.FirstOrDefault(arg => arg.StartsWith("--booking-pool=", StringComparison.Ordinal)) is { } poolArg
        ? int.Parse(poolArg["--booking-pool=".Length..], culture)
        : null;
    Console.WriteLine();
    Console.WriteLine($"Booking under contention: {clients} members at once, {requests} requests per run for 4 desks and a 6-seat open space over one day");
    Console.WriteLine($"(1 to 3 hours from 08:00 to 17:00): most requests overlap. Baseline: straight to booking-api ({replicas} replica(s)); then through the gateway.");
    Console.WriteLine($"booking-api's connection pool: at most {pool?.ToString(culture) ?? $"{TiersLieux.Messaging.Database.DatabaseExtensions.DefaultMaxPoolSize} (the services' default)"} connections.");
    Console.WriteLine();
    // The target of issue 23: at least 500 answers/s with a p99 under 100 ms. The racing runs give the first figure;
    // the paced runs the second, at that rate.
    const int pacedPerSecond = 500;
    var (runs, overlaps, mostSeats, reads) = await BookingBench.RunAsync(requests, clients, members, replicas, quick ? 100 : 300, pacedPerSecond, pool);
    Table([.. runs.Select(run => (run.Scenario, run.Summary))], "answers/s");
    foreach (var run in runs)
    {
        Console.WriteLine(string.Create(culture,
            $"{run.Scenario}: {run.Booked} booked ({run.BookedPerSecond:0.0}/s), {run.Refused} refused 409 ({run.RefusedPerSecond:0.0}/s), {run.Failed} other answers"));
    }

    Console.WriteLine();
    Console.WriteLine("CPU time per answer (µs; the machine has 2 cores, so 2,000,000 µs of CPU a second at most):");
    Console.WriteLine();
    var processes = runs[0].CpuPerAnswer.Keys.ToList();
    Console.WriteLine($"| {"scenario",-50} | {string.Join(" | ", processes.Select(name => $"{name,11}"))} |");
    Console.WriteLine($"|{new string('-', 52)}|{string.Join("|", processes.Select(name => new string('-', Math.Max(11, name.Length) + 2)))}|");
    foreach (var run in runs)
    {
        Console.WriteLine(string.Create(culture, $"| {run.Scenario,-50} | {string.Join(" | ", processes.Select(name => run.CpuPerAnswer[name].ToString("0", culture).PadLeft(Math.Max(11, name.Length))))} |"));
    }

    Console.WriteLine();
    // The load generator shares the 2 cores: the servers' own CPU per answer says what they would answer alone.
    foreach (var run in runs)
    {
        var servers = run.CpuPerAnswer["booking-api"] + run.CpuPerAnswer["PostgreSQL"] + (run.Scenario.Contains("gateway", StringComparison.Ordinal) ? run.CpuPerAnswer["gateway"] : 0);
        Console.WriteLine(string.Create(culture, $"{run.Scenario}: the servers' CPU per answer {servers:0} µs, so at most {2_000_000 / servers:0} answers/s on 2 cores of their own"));
    }

    Console.WriteLine();
    var (direct, gateway) = (runs[0].Summary, runs[1].Summary);
    Console.WriteLine(string.Create(culture, $"gateway vs direct: answers/s ×{gateway.RatePerSecond / direct.RatePerSecond:0.00}, p50 ×{gateway.P50 / direct.P50:0.00}, p99 ×{gateway.P99 / direct.P99:0.00}"));
    Ratio($"booking under contention answers/s, gateway ({replicas} replica(s); direct = baseline)", gateway.RatePerSecond, direct.RatePerSecond, "/s", "0");
    Ratio("booking under contention p99, gateway (direct = baseline)", gateway.P99, direct.P99, " ms");
    foreach (var (paced, racing, way) in new[] { (runs[2], runs[0], "direct"), (runs[3], runs[1], "gateway") })
    {
        // Latencies run from each booking's due time: a run that fell behind has a p99 of its backlog, not under 100 ms.
        Console.WriteLine(string.Create(culture,
            $"{paced.Scenario}: {paced.Summary.RatePerSecond:0} answers/s for {pacedPerSecond} offered, p99 {paced.Summary.P99:0} ms ({(paced.Summary.P99 < 100 ? "under" : "NOT under")} 100 ms)"));
        Ratio($"booking p99 at {pacedPerSecond}/s paced, {way} (racing = baseline)", paced.Summary.P99, racing.Summary.P99, " ms");
    }

    Console.WriteLine($"database afterwards: {overlaps} overlapping confirmed bookings of a desk (must be 0); at most {mostSeats} of 6 open-space seats taken at once (must be ≤ 6)");
    Console.WriteLine();
    Console.WriteLine($"Availability of a place with 50 desks over 7 days ({reads.Booked} bookings in the week), one read after the other; baseline: one desk read by id.");
    Console.WriteLine();
    Table([("availability, 50 desks × 7 days", reads.Availability), ("one desk by id (baseline)", reads.ById)], "reads/s");
    Ratio("availability of 50 desks over 7 days p95 (a desk by id = baseline)", reads.Availability.P95, reads.ById.P95, " ms");
    if (overlaps != 0 || mostSeats > 6)
    {
        Environment.ExitCode = 1;
    }
}

var soakTranscriptStart = transcript.GetStringBuilder().Length;
if (Runs("soak"))
{
    var minutesArg = args.FirstOrDefault(arg => arg.StartsWith("--soak-minutes=", StringComparison.Ordinal));
    var soakMinutes = minutesArg is null ? (quick ? 3 : 20) : int.Parse(minutesArg["--soak-minutes=".Length..], culture);
    const double soakRate = 20;
    const int soakMembers = 20;
    Console.WriteLine();
    Console.WriteLine($"Soak: the platform as ./run.sh starts it, {soakMinutes} min of a steady mixed load through the gateway, {soakRate:0} requests/s started on schedule");
    Console.WriteLine($"(open loop) by {soakMembers} members and anonymous visitors: 30% searches, 20% place reads, 10% desks' availability over 7 days,");
    Console.WriteLine("20% bookings (a desk for an hour; holding three, the oldest is cancelled), 12% enrolments and withdrawals (10 seats, then the");
    Console.WriteLine("waiting list), 8% sign-ins through the code flow. An error is a 5xx, a 4xx a real client would not get (a 409 for a taken");
    Console.WriteLine("desk or an enrolment held is an answer, not an error), a transport failure or a timeout (30 s). The gateway's per-client");
    Console.WriteLine("rate limits are lifted: one load generator stands for many people.");
    Console.WriteLine();
    var soak = await SoakBench.RunAsync(TimeSpan.FromMinutes(soakMinutes), soakRate, soakMembers);
    Console.WriteLine();
    Console.WriteLine($"| {"minute",6} | {"requests",8} | {"errors",6} | {"error %",7} | {"p99 ms",7} | {"memory MiB",12} | {"outbox backlog",14} | {"queued",6} | {"dead letters",12} |");
    Console.WriteLine($"|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 14)}|{new string('-', 16)}|{new string('-', 8)}|{new string('-', 14)}|");
    foreach (var m in soak.Minutes)
    {
        Console.WriteLine(string.Create(culture,
            $"| {m.Minute,6} | {m.Requests,8} | {m.Errors,6} | {100.0 * m.Errors / Math.Max(1, m.Requests),7:0.00} | {m.P99Ms,7:0.0} | {m.MemoryMiB.Values.Sum(),12:0} | {m.OutboxBacklog,14} | {m.QueuedMessages,6} | {m.DeadLetters,12} |"));
    }

    Console.WriteLine();
    Console.WriteLine($"| {"request",-40} | {"count",6} | {"errors",6} | {"p50 ms",7} | {"p99 ms",7} |");
    Console.WriteLine($"|{new string('-', 42)}|{new string('-', 8)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 9)}|");
    foreach (var o in soak.Operations)
    {
        Console.WriteLine(string.Create(culture, $"| {o.Name,-40} | {o.Requests,6} | {o.Errors,6} | {o.P50Ms,7:0.0} | {o.P99Ms,7:0.0} |"));
    }

    // Memory must level off: the slope of each process's resident memory over the last ten minutes (or the last half
    // of a shorter soak), by least squares over the per-minute samples.
    var tail = soak.Minutes.Skip(soak.Minutes.Count - Math.Min(10, Math.Max(2, soak.Minutes.Count / 2))).ToList();
    static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? 0 : points.Sum(p => (p.X - mx) * (p.Y - my)) / den;
    }

    var processes = soak.Minutes[0].MemoryMiB.Keys.ToList();
    Console.WriteLine();
    Console.WriteLine($"Memory of every process per minute (MiB, proportional set size: a page shared by n processes counts 1/n in each), and its slope over minutes {tail[0].Minute}–{tail[^1].Minute} (MiB per minute):");
    Console.WriteLine($"| {"process",-44} | {string.Join(" | ", soak.Minutes.Select(m => m.Minute.ToString(culture).PadLeft(4)))} | {"slope",6} |");
    Console.WriteLine($"|{new string('-', 46)}|{string.Join("|", soak.Minutes.Select(_ => new string('-', 6)))}|{new string('-', 8)}|");
    foreach (var process in processes)
    {
        var slope = Slope([.. tail.Select(m => ((double)m.Minute, m.MemoryMiB.GetValueOrDefault(process)))]);
        Console.WriteLine(string.Create(culture,
            $"| {process,-44} | {string.Join(" | ", soak.Minutes.Select(m => m.MemoryMiB.GetValueOrDefault(process).ToString("0", culture).PadLeft(4)))} | {slope,6:0.00} |"));
    }

    var totalSlope = Slope([.. tail.Select(m => ((double)m.Minute, m.MemoryMiB.Values.Sum()))]);
    var requests = soak.Minutes.Sum(m => m.Requests);
    var errors = soak.Minutes.Sum(m => m.Errors);
    Console.WriteLine(string.Create(culture,
        $"| {"all together",-44} | {string.Join(" | ", soak.Minutes.Select(m => m.MemoryMiB.Values.Sum().ToString("0", culture).PadLeft(4)))} | {totalSlope,6:0.00} |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(culture, $"{requests} requests, {errors} errors ({100.0 * errors / Math.Max(1, requests):0.000}%); all processes together grew {totalSlope:0.00} MiB per minute over minutes {tail[0].Minute}–{tail[^1].Minute}"));
    Console.WriteLine($"afterwards, load stopped and queues drained: {soak.OverlappingBookings} overlapping confirmed bookings of a desk (must be 0), {soak.DeadLettersAfter} dead letters (must be 0), outbox backlog {soak.OutboxBacklogAfter}");
    foreach (var sample in soak.ErrorSamples)
    {
        Console.WriteLine($"  error seen: {(sample.Length > 300 ? sample[..300] + "…" : sample)}");
    }

    var firstFull = soak.Minutes[Math.Min(1, soak.Minutes.Count - 1)];
    Ratio("soak p99, last minute (second minute = baseline)", soak.Minutes[^1].P99Ms, firstFull.P99Ms, " ms");
    Ratio("soak memory (PSS) of all processes, last minute (second minute = baseline)", soak.Minutes[^1].MemoryMiB.Values.Sum(), firstFull.MemoryMiB.Values.Sum(), " MiB", "0");
    if (soak.OverlappingBookings != 0 || soak.DeadLettersAfter != 0 || errors > requests / 100)
    {
        Environment.ExitCode = 1;
    }
}

var soakTranscript = transcript.GetStringBuilder().ToString(soakTranscriptStart, transcript.GetStringBuilder().Length - soakTranscriptStart);
Console.WriteLine();
Console.WriteLine("Summary: every figure beside its baseline, measured in this run");
Console.WriteLine();
Console.WriteLine($"| {"figure",-78} | {"measured",11} | {"baseline",11} | {"ratio",6} |");
Console.WriteLine($"|{new string('-', 80)}|{new string('-', 13)}|{new string('-', 13)}|{new string('-', 8)}|");
foreach (var (figure, measured, baseline, ratio) in summary)
{
    Console.WriteLine($"| {figure,-78} | {measured,11} | {baseline,11} | {ratio,6} |");
}

Console.SetOut(console);
if (selected.Count == 0 && !quick)
{
    // A full run is this machine's reference: kept beside the code with the date and the command.
    var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "RESULTS.md");
    await File.WriteAllTextAsync(results, $"""
        # Bench results on this machine

        Command: `bench/run.sh` (every bench, full runs), {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores,
        {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024 / 1024)} GiB, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.
        What each bench measures and how to read it: [README.md](README.md). Written by the run itself, unedited.

        ```
        {transcript.ToString().TrimEnd()}
        ```

        """);
    Console.WriteLine($"Written to {Path.GetFullPath(results)}");
}
else if (selected.SetEquals(["soak"]) && !quick)
{
    // The soak alone takes its own section of RESULTS.md (replaced by the next soak), the rest of the file kept.
    var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "RESULTS.md");
    var kept = File.Exists(results) ? await File.ReadAllTextAsync(results) : "# Bench results on this machine\n";
    var cut = kept.IndexOf("\n## Soak", StringComparison.Ordinal);
    await File.WriteAllTextAsync(results, $"""
        {(cut < 0 ? kept : kept[..cut]).TrimEnd()}

        ## Soak

        Command: `bench/run.sh soak`, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores. Written by the run itself, unedited.

        ```
        {soakTranscript.Trim()}
        ```

        """);
    Console.WriteLine($"Soak written to {Path.GetFullPath(results)}");
}

/// <summary>Writes to the console and keeps a copy for RESULTS.md.</summary>
internal sealed class Tee(TextWriter first, TextWriter second) : TextWriter
{
    public override System.Text.Encoding Encoding => first.Encoding;

    public override void Write(char value)
    {
        first.Write(value);
        second.Write(value);
    }

    public override void Write(string? value)
    {
        first.Write(value);
        second.Write(value);
    }

    public override void WriteLine(string? value)
    {
        first.WriteLine(value);
        second.WriteLine(value);
    }
}
