using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.Bench;

/// <summary>One wrk run: requests per second and latency percentiles (wrk's own, from its HdrHistogram).</summary>
public sealed record WrkResult(string Scenario, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long NonSuccess)
{
    /// <summary>CPU time per request of each process taking part (and "machine": every core's busy time) during the run, in µs.</summary>
    public IReadOnlyDictionary<string, double> CpuPerRequest { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// Start to all healthy: cold, warm, and warm again with each of two baselines: DCP starting the projects through
/// <c>dotnet run</c> (the AppHost's own launcher's), and the runtime's default tier-1 delay (eng/runtime-settings.sh's).
/// </summary>
public sealed record StartTimes(TimeSpan Cold, TimeSpan Warm, TimeSpan WarmThroughDotnetRun, TimeSpan WarmDefaultTierDelay);

/// <summary>Resident memory of one process (with its child processes, for PostgreSQL's backends), idle and under load.</summary>
public sealed record MemoryRow(string Resource, double IdleMiB, double LoadMiB);

/// <summary>
/// The whole platform as <c>./run.sh</c> starts it (the AppHost process, every resource): cold and warm start to all
/// healthy, then wrk on loopback straight to directory-api and through the gateway for a request the service answers
/// without its database and for a read by primary key, and the resident memory of every process idle and under load.
/// </summary>
internal sealed partial class PlatformBench : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string _state = Path.Combine(Path.GetTempPath(), "tierslieux-bench", "platform-" + Guid.NewGuid().ToString("N")[..8]);
    private AppHostProcess? _appHost;
    private ManagedProcess? _bareProxy;

    /// <summary>
    /// When set, the platform (the AppHost and everything it starts, the bare proxy) runs on core 0 and wrk, with one
    /// thread, on core 1: what the figures are when the load generator does not take the platform's CPU.
    /// </summary>
    private bool _pinned;

    private const int Rounds = 3;

    public static async Task<(StartTimes Starts, IReadOnlyList<WrkResult> Wrk, IReadOnlyList<MemoryRow> Memory)> RunAsync(TimeSpan duration, int connections, bool pinned = false)
    {
        await using var bench = new PlatformBench { _pinned = pinned };
        var cold = await bench.StartAsync(fresh: true);
        await bench.StopAsync();
        // 100 ms is the runtime's own default (DOTNET_TC_CallCountingDelayMs), which ./run.sh raises.
        var defaultTierDelay = await bench.StartAsync(fresh: false, environment: new Dictionary<string, string?> { ["DOTNET_TC_CallCountingDelayMs"] = "100" });
        await bench.StopAsync();
        var throughDotnetRun = await bench.StartAsync(fresh: false, new Dictionary<string, string> { ["Projects:StartWith"] = "dotnet-run" });
        await bench.StopAsync();
        var warm = await bench.StartAsync(fresh: false);

        await Task.Delay(TimeSpan.FromSeconds(10));
        var resources = bench.Resources();
        var processes = ProcessTree.Read();
        var idle = resources.ToDictionary(resource => resource.Name, resource => processes.ResidentMiB(resource.Pids, resource.Descendants));
        var directory = resources.Single(resource => resource.Name == "directory-api").Url!;
        var gateway = resources.Single(resource => resource.Name == "gateway").Url!;
        var place = await bench.SomePlaceAsync(gateway);
        var bare = await bench.StartBareProxyAsync(directory);

        var load = resources.ToDictionary(resource => resource.Name, _ => 0d);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var now = ProcessTree.Read();
                foreach (var resource in resources)
                {
                    load[resource.Name] = Math.Max(load[resource.Name], now.ResidentMiB(resource.Pids, resource.Descendants));
                }

                await Task.Delay(250, CancellationToken.None);
            }
        });

        var results = new List<WrkResult>();
        var scenarios = new[] { ("no database (404 of an unknown route)", "/api/directory/places/not-a-place"), ("read by id (PostgreSQL)", $"/api/directory/places/{place}") };
        // Warm every path (tiered JIT, pools, the gateway's token metadata) before anything is measured.
        var targets = new[] { ("direct", directory), ("through the gateway", gateway), ("through a bare YARP (reference)", bare) };
        foreach (var (_, path) in scenarios)
        {
            foreach (var (_, url) in targets)
            {
                await bench.WrkAsync("warm-up", url + path, TimeSpan.FromSeconds(4), connections);
            }
        }

        // Direct, gateway and bare proxy alternate, three rounds; the median round of each is kept (this machine is shared and noisy).
        foreach (var (what, path) in scenarios)
        {
            var rounds = targets.Select(_ => new List<WrkResult>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var t = 0; t < targets.Length; t++)
                {
                    var before = bench.CpuSnapshot(resources);
                    var run = await bench.WrkAsync($"{what}, {targets[t].Item1}", targets[t].Item2 + path, duration, connections);
                    var after = bench.CpuSnapshot(resources);
                    rounds[t].Add(run with { CpuPerRequest = after.ToDictionary(cpu => cpu.Key, cpu => Math.Round((cpu.Value - before[cpu.Key]) / run.Requests, 1)) });
                }
            }

            results.AddRange(rounds.Select(Median));
        }

        await sampling.CancelAsync();
        await sampler;
        var memory = resources.Select(resource => new MemoryRow(resource.Name, idle[resource.Name], load[resource.Name])).ToList();
        return (new StartTimes(cold, warm, throughDotnetRun, defaultTierDelay), results, memory);
    }

    /// <summary>
    /// CPU time so far of the processes a request can cost: the service, its PostgreSQL server (all backends), the
    /// gateway, the bare proxy, the AppHost itself (its dashboard receives every span and metric), and the machine.
    /// </summary>
    private Dictionary<string, double> CpuSnapshot(IEnumerable<Running> resources)
    {
        var processes = ProcessTree.Read();
        var cpu = resources.Where(resource => resource.Name is "directory-api" or "gateway" or "postgres")
            .ToDictionary(resource => resource.Name, resource => resource.Pids.Sum(pid => processes.CpuMicroseconds(pid, resource.Descendants)));
        cpu["bare YARP"] = processes.CpuMicroseconds(_bareProxy!.Pid);
        cpu["AppHost"] = processes.CpuMicroseconds(_appHost!.Process.Pid, descendants: false);
        cpu["dashboard"] = resources.Where(resource => resource.Name == "dashboard").Sum(resource => processes.CpuMicroseconds(resource.Pids[0], descendants: false));
        // DCP carries the gateway's forwards to the services through its proxies.
        cpu["DCP"] = resources.Where(resource => resource.Name.StartsWith("DCP", StringComparison.Ordinal)).Sum(resource => resource.Pids.Sum(pid => processes.CpuMicroseconds(pid, descendants: false)));
        cpu["machine"] = ProcessTree.MachineBusyMicroseconds();
        return cpu;
    }

    /// <summary>YARP alone before directory-api (no middleware, telemetry or health checks): what a proxy hop costs here.</summary>
    private async Task<string> StartBareProxyAsync(string directory)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        IReadOnlyList<string> command = _pinned ? ["taskset", "-c", "0", "dotnet"] : ["dotnet"];
        _bareProxy = ManagedProcess.Start(command[0], [.. command.Skip(1), ProjectOutputs.Assembly("bench/TiersLieux.BareProxy")], new LogBuffer(),
            environment: new Dictionary<string, string?> { ["TARGET"] = directory + "/", ["ASPNETCORE_URLS"] = url },
            removeEnvironment: ["OTEL_"]);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var response = await Http.GetAsync($"{url}/api/directory/places?pageSize=1");
                if (response.IsSuccessStatusCode)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The bare proxy did not answer.");
    }

    /// <summary>Launches the AppHost (as <c>./run.sh</c> does) and times it until every resource is running and healthy.</summary>
    private async Task<TimeSpan> StartAsync(bool fresh, IReadOnlyDictionary<string, string>? configuration = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var clock = Stopwatch.StartNew();
        // wrk is one client on loopback: the per-client limits would measure the limiter, not the gateway (an AppHost
        // parameter of the bench's own is not needed: the gateway reads it from its environment, which DCP passes on).
        Environment.SetEnvironmentVariable("Gateway__RateLimits__AnonymousPerMinute", "1000000000");
        _appHost = AppHostProcess.Start(configuration, stateDirectory: _state, fresh: fresh, cpus: _pinned ? "0" : null, environment: environment);
        await _appHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(4));
        return clock.Elapsed;
    }

    private async Task StopAsync()
    {
        if (_appHost is not null)
        {
            // The state directory is the bench's: kept for the warm start, deleted at the end.
            await _appHost.DisposeAsync();
            _appHost = null;
        }
    }

    /// <summary>One row of the memory table: its processes, each alone or with its descendants (PostgreSQL's backends).</summary>
    internal sealed record Running(string Name, int[] Pids, bool Descendants, string? Url);

    /// <summary>
    /// The AppHost's processes by what they are: each service instance (its own URL, behind DCP's proxy) and its
    /// `dotnet run` wrapper if DCP started it (the AppHost's launcher starts the build output itself, without one),
    /// PostgreSQL, RabbitMQ and its epmd, the dashboard, DCP, the AppHost.
    /// </summary>
    private List<Running> Resources() => ResourcesOf(_appHost!, _state);

    internal static List<Running> ResourcesOf(AppHostProcess appHost, string state)
    {
        var all = PlatformProcesses.Of(appHost.Process.Pid, state);
        var rows = new List<Running> { new("AppHost", [appHost.Process.Pid], false, null) };
        foreach (var service in all.Where(process => process.Name.StartsWith("TiersLieux.", StringComparison.Ordinal)).GroupBy(process => process.Variable("OTEL_SERVICE_NAME") ?? process.Name))
        {
            var instances = service.OrderBy(process => process.Pid).ToList();
            for (var i = 0; i < instances.Count; i++)
            {
                var name = instances.Count == 1 ? service.Key : $"{service.Key}-{i}";
                rows.Add(new(name, [instances[i].Pid], false, instances[i].Variable("ASPNETCORE_URLS")?.Split(';')[0]));
                if (all.FirstOrDefault(process => process.Pid == instances[i].Parent) is { } parent && parent.CommandLine.Contains(" run ", StringComparison.Ordinal))
                {
                    rows.Add(new($"{name} (dotnet run wrapper)", [parent.Pid], false, null));
                }
            }
        }

        var postmaster = all.Where(process => process.Name == "postgres" && all.All(other => other.Pid != process.Parent || other.Name != "postgres"));
        rows.Add(new("postgres", [.. postmaster.Select(process => process.Pid)], true, null));
        rows.Add(new("messaging (beam)", [.. all.Where(process => process.Name == "beam.smp").Select(process => process.Pid)], true, null));
        rows.Add(new("epmd", [.. all.Where(process => process.Name == "epmd").Select(process => process.Pid)], false, null));
        rows.Add(new("dashboard", [.. all.Where(process => process.Name.StartsWith("Aspire.Dashboar", StringComparison.Ordinal)).Select(process => process.Pid)], false, null));
        rows.Add(new("DCP (all its processes)", [.. all.Where(process => process.Name == "dcp").Select(process => process.Pid)], false, null));
        return rows;
    }

    /// <summary>A demo place's id, once the directory has seeded the network.</summary>
    private async Task<Guid> SomePlaceAsync(string gateway)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var page = JsonNode.Parse(await Http.GetStringAsync($"{gateway}/api/directory/places?pageSize=1"))!;
            if (page["items"]!.AsArray().FirstOrDefault() is { } place)
            {
                return place["id"]!.GetValue<Guid>();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The directory has no place.");
    }

    private static WrkResult Median(List<WrkResult> rounds) => rounds.OrderBy(round => round.RequestsPerSecond).ElementAt(rounds.Count / 2);

    /// <summary>
    /// wrk with 2 threads (one per core), or pinned with one thread on core 1, and its latency distribution; bounded
    /// duration, loopback only.
    /// </summary>
    private async Task<WrkResult> WrkAsync(string scenario, string url, TimeSpan duration, int connections)
    {
        string[] wrk = ["wrk", _pinned ? "-t1" : "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", url];
        IReadOnlyList<string> command = _pinned ? ["taskset", "-c", "1", .. wrk] : wrk;
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        double Milliseconds(string percentile)
        {
            var match = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var requests = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var nonSuccess = NonSuccessLine().Match(output) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var rate = double.Parse(RateLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(scenario, rate, Milliseconds("50"), Milliseconds("99"), requests, nonSuccess);
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    public async ValueTask DisposeAsync()
    {
        if (_bareProxy is not null)
        {
            await _bareProxy.StopAsync(TimeSpan.FromSeconds(10));
            await _bareProxy.DisposeAsync();
        }

        await StopAsync();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL's files may be owned by the postgres user; the temp folder is cleaned by the machine.
        }
    }
}
