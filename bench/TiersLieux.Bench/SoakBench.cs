using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Bench;

/// <summary>One minute of the soak: what was asked, what failed, how slow, how big every process was (PSS), what waited.</summary>
internal sealed record SoakMinute(int Minute, int Requests, int Errors, double P99Ms, IReadOnlyDictionary<string, double> MemoryMiB,
    long OutboxBacklog, long QueuedMessages, long DeadLetters);

/// <summary>One kind of request over the whole soak.</summary>
internal sealed record SoakOperation(string Name, int Requests, int Errors, double P50Ms, double P99Ms);

internal sealed record SoakResult(IReadOnlyList<SoakMinute> Minutes, IReadOnlyList<SoakOperation> Operations, IReadOnlyList<string> ErrorSamples,
    long OverlappingBookings, long DeadLettersAfter, long OutboxBacklogAfter, int Members, double RatePerSecond);

/// <summary>
/// The platform as <c>./run.sh</c> starts it, under a steady mixed load through the gateway for a long while: public
/// searches and reads, members' availability reads, bookings and their cancellations, enrolments and withdrawals,
/// sign-ins through the code flow. Every minute: requests, errors, p99, the resident memory of every process, the
/// outboxes' backlog, the broker's queued messages and dead letters. Afterwards, with the load stopped and the queues
/// drained: overlapping confirmed bookings of a desk (must be 0) and dead letters (must be 0).
/// </summary>
internal sealed class SoakBench : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    /// <summary>The databases with an outbox (notifications publishes nothing).</summary>
    private static readonly string[] Databases =
        [ResourceNames.DirectoryDb, ResourceNames.MembershipDb, ResourceNames.BookingDb, ResourceNames.EquipmentDb, ResourceNames.TrainingDb];
    private static readonly Uri DemoRedirectUri = new("http://127.0.0.1:5300/signed-in");
    private const string MemberPassword = "soak test member password";

    private readonly string _state = Path.Combine(Path.GetTempPath(), "tierslieux-bench", "soak-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _postgresPort = FreePort.Next();
    private readonly int _managementPort = FreePort.Next();
    private readonly ConcurrentQueue<(TimeSpan At, string Operation, double Ms, bool Ok)> _calls = new();
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private AppHostProcess? _appHost;
    private string _gateway = "";

    public static async Task<SoakResult> RunAsync(TimeSpan duration, double ratePerSecond, int memberCount)
    {
        await using var bench = new SoakBench();
        return await bench.SoakAsync(duration, ratePerSecond, memberCount);
    }

    private async Task<SoakResult> SoakAsync(TimeSpan duration, double ratePerSecond, int memberCount)
    {
        // One load generator stands for many people: the per-client limits would measure the limiter.
        foreach (var limit in new[] { "AnonymousPerMinute", "SignedInPerMinute", "SignInPerMinute", "BookingsPerMinute" })
        {
            Environment.SetEnvironmentVariable($"Gateway__RateLimits__{limit}", "1000000000");
        }

        _appHost = AppHostProcess.Start(new Dictionary<string, string>
        {
            ["Ports:postgres"] = _postgresPort.ToString(CultureInfo.InvariantCulture),
            ["Ports:messaging-management"] = _managementPort.ToString(CultureInfo.InvariantCulture),
        }, stateDirectory: _state);
        await _appHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(6));
        _gateway = _appHost.GatewayUrl.TrimEnd('/');
        Console.WriteLine($"platform healthy; setting up a place, {memberCount} members with a pass, 8 desks and a session of 10 seats");
        var setUp = Stopwatch.StartNew();
        var world = await SoakWorld.BuildAsync(this, memberCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"set up in {setUp.Elapsed.TotalSeconds:0} s (each member has booked a desk and enrolled once); the load starts"));

        var resources = PlatformBench.ResourcesOf(_appHost, _state);
        var minutes = new List<SoakMinute>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => LoadAsync(world, ratePerSecond, clock, stop.Token));
        for (var minute = 1; minute <= (int)Math.Ceiling(duration.TotalMinutes); minute++)
        {
            var end = TimeSpan.FromMinutes(minute);
            if (clock.Elapsed < end)
            {
                await Task.Delay(end - clock.Elapsed);
            }

            var of = _calls.Where(call => call.At >= end - TimeSpan.FromMinutes(1) && call.At < end).ToList();
            var processes = ProcessTree.Read();
            var (backlog, queued, dead) = await BacklogAsync();
            minutes.Add(new SoakMinute(minute, of.Count, of.Count(call => !call.Ok), Percentile([.. of.Select(call => call.Ms)], 99),
                resources.ToDictionary(resource => resource.Name, resource => processes.ProportionalMiB(resource.Pids, resource.Descendants)),
                backlog, queued, dead));
            var row = minutes[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"minute {row.Minute,2}: {row.Requests,5} requests, {row.Errors,3} errors, p99 {row.P99Ms,7:0.0} ms, memory (PSS) {row.MemoryMiB.Values.Sum(),7:0} MiB, outbox backlog {row.OutboxBacklog,4}, queued {row.QueuedMessages,4}, dead letters {row.DeadLetters}"));
        }

        await stop.CancelAsync();
        await load;

        // Let what the load caused settle, then check what must hold.
        var settle = Stopwatch.StartNew();
        var after = await BacklogAsync();
        while ((after.Backlog > 0 || after.Queued > 0) && settle.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(1000);
            after = await BacklogAsync();
        }

        var operations = _calls.GroupBy(call => call.Operation).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new SoakOperation(group.Key, group.Count(), group.Count(call => !call.Ok),
                Percentile([.. group.Select(call => call.Ms)], 50), Percentile([.. group.Select(call => call.Ms)], 99)))
            .ToList();
        return new SoakResult(minutes, operations, [.. _errorSamples.Take(10)], await OverlapsAsync(), after.Dead, after.Backlog, memberCount, ratePerSecond);
    }

    /// <summary>An open loop: requests start on schedule whatever the answers' speed (a slow platform gets a queue, not less load).</summary>
    private async Task LoadAsync(SoakWorld world, double ratePerSecond, Stopwatch clock, CancellationToken stop)
    {
        var random = new Random(2024);
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        var next = clock.Elapsed;
        var running = new List<Task>();
        using var gate = new SemaphoreSlim(128);
        while (!stop.IsCancellationRequested)
        {
            next += interval;
            if (next > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(next - clock.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var draw = random.NextDouble();
            var member = world.Members[random.Next(world.Members.Count)];
            Func<Task<(string, HttpStatusCode, string?)>> operation = draw switch
            {
                < 0.30 => () => world.SearchAsync(random),
                < 0.50 => () => world.ReadPlaceAsync(),
                < 0.60 => () => world.AvailabilityAsync(member),
                < 0.80 => () => world.BookOrCancelAsync(member),
                < 0.92 => () => world.EnrolOrWithdrawAsync(member),
                _ => () => world.SignInAsync(member),
            };
            if (!gate.Wait(0))
            {
                // 128 requests already waiting: the platform is not keeping up. Counted as an error of its own.
                _calls.Enqueue((clock.Elapsed, "(not started: 128 in flight)", 0, false));
                continue;
            }

            running.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                try
                {
                    var (name, status, unexpected) = await operation();
                    _calls.Enqueue((started, name, (clock.Elapsed - started).TotalMilliseconds, unexpected is null));
                    if (unexpected is not null && _errorSamples.Count < 50)
                    {
                        _errorSamples.Enqueue($"{name}: {(int)status} {unexpected}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or Xunit.Sdk.XunitException)
                {
                    _calls.Enqueue((started, "(failed to answer)", (clock.Elapsed - started).TotalMilliseconds, false));
                    if (_errorSamples.Count < 50)
                    {
                        _errorSamples.Enqueue($"{exception.GetType().Name}: {exception.Message}");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }, CancellationToken.None));
            running.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(running);
    }

    /// <summary>Events not yet published by every service's outbox; messages waiting in the broker's queues; dead letters.</summary>
    private async Task<(long Backlog, long Queued, long Dead)> BacklogAsync()
    {
        long backlog = 0;
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(await ConnectionStringAsync(database));
            await connection.OpenAsync();
            var schema = database[..^2];
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"OutboxMessages\" WHERE \"SentAt\" IS NULL", connection);
            backlog += (long)(await count.ExecuteScalarAsync())!;
        }

        var password = await ParameterAsync("messaging-password");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_managementPort}/api/queues?columns=name,messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"guest:{password}")));
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var queues = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        long queued = 0, dead = 0;
        foreach (var queue in queues)
        {
            var messages = queue!["messages"]?.GetValue<long>() ?? 0;
            if (queue["name"]!.GetValue<string>().EndsWith("_error", StringComparison.Ordinal))
            {
                dead += messages;
            }
            else
            {
                queued += messages;
            }
        }

        return (backlog, queued, dead);
    }

    /// <summary>Overlapping confirmed bookings of one desk (must be 0: the exclusion constraint's promise).</summary>
    private async Task<long> OverlapsAsync()
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(ResourceNames.BookingDb));
        await connection.OpenAsync();
        await using var overlaps = new NpgsqlCommand(BookingBench.OverlappingDeskBookingsSql, connection);
        return (long)(await overlaps.ExecuteScalarAsync())!;
    }

    private async Task<string> ConnectionStringAsync(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _postgresPort, Username = "postgres", Password = await ParameterAsync("postgres-password"), Database = database, Pooling = false,
    }.ConnectionString;

    private static double Percentile(IReadOnlyList<double> latenciesMs, double percentile)
    {
        if (latenciesMs.Count == 0)
        {
            return 0;
        }

        var summary = LatencySummary.Of(latenciesMs, TimeSpan.FromSeconds(1));
        return percentile >= 99 ? summary.P99 : summary.P50;
    }

    internal async Task<string> ParameterAsync(string name) => (await File.ReadAllTextAsync(Path.Combine(_state, "parameters", name))).Trim();

    internal string Gateway => _gateway;

    internal static HttpClient Client => Http;

    internal static Uri RedirectUri => DemoRedirectUri;

    internal static string Password => MemberPassword;

    public async ValueTask DisposeAsync()
    {
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }

        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL's files may be owned by the postgres user; the temp folder is cleaned by the machine.
        }
        catch (UnauthorizedAccessException)
        {
            // The same.
        }
    }
}
