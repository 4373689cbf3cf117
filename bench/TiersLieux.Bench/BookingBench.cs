using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using Npgsql;
using TiersLieux.Contracts.Directory;
using TiersLieux.Contracts.Membership;
using TiersLieux.Hosting.Processes;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Bench;

/// <summary>One run of racing clients: latencies of every answer, and how many were booked, refused, or failed.</summary>
/// <param name="CpuPerAnswer">CPU time per answer of each process of the run (booking-api, gateway, PostgreSQL, the load generator) and the machine's, in µs.</param>
public sealed record BookingRun(string Scenario, LatencySummary Summary, int Booked, int Refused, int Failed, TimeSpan Elapsed, IReadOnlyDictionary<string, double> CpuPerAnswer)
{
    public double BookedPerSecond => Booked / Elapsed.TotalSeconds;

    public double RefusedPerSecond => Refused / Elapsed.TotalSeconds;
}

/// <summary>
/// Booking under contention on real processes (booking-api's replicas, the YARP gateway, PostgreSQL, RabbitMQ):
/// many members race for the same few desks and seats of one day, through the gateway and, as the baseline, straight
/// to a booking replica, each on a day of its own. Afterwards the database is searched for overlapping bookings
/// (there must be none) and open-space seats counted at every instant (never above the seats).
/// </summary>
internal sealed class BookingBench : IAsyncDisposable
{
    private const int Desks = 4;
    private const int OpenSpaceSeats = 6;
    private const int AvailabilityDesks = 50;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tierslieux-bench", Guid.NewGuid().ToString("N")[..12]);
    private readonly LogBuffer _log = new();
    private PostgresServer? _postgres;
    private RabbitMqNode? _broker;
    private TestTokenIssuer _tokens = null!;
    private ServiceProcess _booking = null!;
    private ServiceProcess _gateway = null!;
    private Guid _place;
    private Guid _availabilityPlace;
    private List<Guid> _resources = [];
    private List<Guid> _members = [];

    public static async Task<(IReadOnlyList<BookingRun> Runs, long Overlaps, int MostSeatsTaken, (LatencySummary Availability, LatencySummary ById, int Booked) Reads)> RunAsync(
        int requests, int clients, int members, int replicas, int reads, int pacedPerSecond, int? pool)
    {
        await using var bench = new BookingBench();
        await bench.StartAsync(replicas, pool);
        await bench.SeedAsync(members);
        // A warm-up as long as a measured run, on a day of its own, then the measured runs, each on its own day: same
        // contention for both. After a warm-up of 200 requests booking-api was still compiling hundreds of methods a
        // second (tiered JIT) into the direct run, which so paid for it alone.
        await bench.RaceAsync("warm-up", bench.Url(_ => bench._gateway), requests, clients, dayOffset: 1);
        // Straight to booking-api: each client on one replica, round robin.
        string DirectUrl(int client) => bench._booking.Replicas[client % bench._booking.Replicas.Count].HttpUrl;
        var runs = new List<BookingRun>
        {
            await bench.RaceAsync($"direct to booking-api ({replicas} replica(s), round robin)", DirectUrl, requests, clients, dayOffset: 2),
            await bench.RaceAsync("through the gateway", bench.Url(_ => bench._gateway), requests, clients, dayOffset: 3),
            // The same members and contention at the pace of the target (an open load): the latency members see at
            // that rate, where the runs above give the most the system answers and the latency of a saturated one.
            await bench.PacedAsync($"{pacedPerSecond}/s paced, direct", DirectUrl, requests, clients, dayOffset: 4, pacedPerSecond),
            await bench.PacedAsync($"{pacedPerSecond}/s paced, through the gateway", bench.Url(_ => bench._gateway), requests, clients, dayOffset: 5, pacedPerSecond),
        };
        var (overlaps, seats) = await bench.CheckDatabaseAsync();
        return (runs, overlaps, seats, await bench.AvailabilityAsync(reads));
    }

    private Func<int, string> Url(Func<int, ServiceProcess> project) => client => project(client).Replicas[0].HttpUrl;

    private async Task StartAsync(int replicas, int? pool)
    {
        _tokens = await TestTokenIssuer.SharedAsync();
        var postgres = Servers.StartPostgresAsync(Path.Combine(_root, "postgres"), _log, CancellationToken.None);
        var broker = Servers.StartAsync(() => Servers.RabbitMqOptions(Path.Combine(_root, "broker"), $"bench-{Path.GetFileName(_root)}@localhost", management: false),
            options => RabbitMqNode.StartAsync(options, _log, CancellationToken.None), _log);
        _postgres = await postgres;
        (_broker, _) = await broker;

        await _postgres.CreateDatabaseAsync(ResourceNames.BookingDb, CancellationToken.None);
        var booking = new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{ResourceNames.BookingDb}"] = _postgres.ConnectionString(ResourceNames.BookingDb) + (pool is null ? "" : $";Maximum Pool Size={pool}"),
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = _broker.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // The bench's token issuer stands in for membership (members' and the operator's tokens).
        foreach (var (key, value) in _tokens.ServiceEnvironment)
        {
            booking[key] = value;
        }

        _booking = await ServiceProcess.StartAsync(ResourceNames.BookingApi, ProjectOutputs.Assembly(ProjectOutputs.BookingApi), replicas, booking, _log, TimeSpan.FromSeconds(120));
        var gateway = new Dictionary<string, string?>(_booking.DiscoveryEnvironment(ResourceNames.BookingApi))
        {
            ["Logging__LogLevel__Default"] = "Warning",
            // Tokens checked at the edge against the bench's issuer; limits lifted: the bench measures contention, not the limiter.
            ["Identity__Authority"] = _tokens.Url,
            ["Gateway__RateLimits__SignedInPerMinute"] = "1000000",
            ["Gateway__RateLimits__BookingsPerMinute"] = "1000000",
        };
        _gateway = await ServiceProcess.StartAsync(ResourceNames.Gateway, ProjectOutputs.Assembly(ProjectOutputs.Gateway), 1, gateway, _log, TimeSpan.FromSeconds(120));
    }

    /// <summary>A place, its desks and an open space, and members subscribed there, as the other services would announce them.</summary>
    private async Task SeedAsync(int members)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(configure => configure.Host(new Uri(_broker!.ConnectionString)));
        await bus.StartAsync();
        try
        {
            _place = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            await bus.Publish(new PlaceRegistered(_place, "Bench", "coworking", "Narbonne", "11100", "11", 43.18, 3.0, 1, now));
            // The availability read's place: open Monday to Friday 08:00–19:00 and Saturday morning, as most coworkings.
            _availabilityPlace = Guid.NewGuid();
            OpenSpan[] hours = [.. Enumerable.Range(0, 5).Select(day => new OpenSpan(day * 1440 + 480, day * 1440 + 1140)), new OpenSpan(5 * 1440 + 540, 5 * 1440 + 780)];
            await bus.Publish(new PlaceRegistered(_availabilityPlace, "Bench availability", "coworking", "Narbonne", "11100", "11", 43.18, 3.0, 1, now, hours));
            _members = [.. Enumerable.Range(0, members).Select(_ => Guid.NewGuid())];
            foreach (var member in _members)
            {
                await bus.Publish(new SubscriptionActivated(Guid.NewGuid(), member, Guid.NewGuid(), "monthly-coworking", _place, [_place, _availabilityPlace],
                    new Dictionary<string, int>(), now.AddDays(-1), now.AddDays(60), now));
            }

            await WaitAsync($"SELECT count(*) FROM booking.\"Entitlements\"", members);
        }
        finally
        {
            await bus.StopAsync();
        }

        using var admin = Client(_booking.Replicas[0].HttpUrl, _tokens.PlaceOperator(_place));
        for (var i = 0; i < Desks; i++)
        {
            _resources.Add(await CreateAsync(admin, new { placeId = _place, name = $"Bureau {i + 1}", kind = "desk" }));
        }

        _resources.Add(await CreateAsync(admin, new { placeId = _place, name = "Plateau", kind = "open-space", seats = OpenSpaceSeats }));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/booking/resources", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private sealed record IdOnly(Guid Id);

    /// <summary>
    /// A place of <see cref="AvailabilityDesks"/> desks, each booked twice a day for the coming week, then its
    /// availability over 7 days read <paramref name="reads"/> times one after the other, and as the baseline one desk
    /// read by id as often.
    /// </summary>
    public async Task<(LatencySummary Availability, LatencySummary ById, int Booked)> AvailabilityAsync(int reads)
    {
        var booking = _booking.Replicas[0].HttpUrl;
        using var admin = Client(booking, _tokens.PlaceOperator(_availabilityPlace));
        var desks = new List<Guid>();
        for (var i = 0; i < AvailabilityDesks; i++)
        {
            desks.Add(await CreateAsync(admin, new { placeId = _availabilityPlace, name = $"Poste {i + 1:00}", kind = "desk" }));
        }

        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var booked = 0;
        await Task.WhenAll(desks.Select((desk, i) => Task.Run(async () =>
        {
            using var member = Client(booking, _tokens.Member(_members[i % _members.Count]));
            for (var day = 0; day < 7; day++)
            {
                var midnight = new DateTimeOffset(tomorrow.AddDays(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                // 10:00–12:00 and 14:00–15:30 in Paris (UTC+1 in winter, +2 in summer: inside the hours either way); Sunday is refused, closed.
                foreach (var (from, to) in new[] { (midnight.AddHours(9), midnight.AddHours(11)), (midnight.AddHours(13), midnight.AddHours(14.5)) })
                {
                    using var response = await member.PostAsJsonAsync("/api/booking/bookings", new { resourceId = desk, startsAt = from, endsAt = to });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref booked);
                    }
                }
            }
        })));

        using var reader = Client(booking, _tokens.Member(_members[0]));
        var date = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return (await TimeReadsAsync(reader, $"/api/booking/availability?placeId={_availabilityPlace}&kind=desk&date={date}&days=7", reads),
            await TimeReadsAsync(reader, $"/api/booking/resources/{desks[0]}", reads), booked);
    }

    /// <summary>A few reads to warm up, then <paramref name="reads"/> timed one after the other.</summary>
    private static async Task<LatencySummary> TimeReadsAsync(HttpClient client, string path, int reads)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode().Dispose();
        }

        var latencies = new double[reads];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return LatencySummary.Of(latencies, clock.Elapsed);
    }

    /// <summary>
    /// <paramref name="clients"/> members at once, each sending bookings of a random resource for 1 to 3 hours
    /// starting on a random hour between 08:00 and 17:00 of the day: most requests overlap one another. Each member
    /// sends its next booking when the last is answered: the rate is the most the system answers, and the latencies
    /// are those of a saturated system (32 requests always waiting).
    /// </summary>
    private async Task<BookingRun> RaceAsync(string scenario, Func<int, string> baseUrl, int requests, int clients, int dayOffset)
    {
        var day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(dayOffset);
        var latencies = new double[requests];
        var answers = new AnswerCounts();
        int next = -1;
        var cpuBefore = CpuSnapshot();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client * 7919 + dayOffset);
            var member = _members[client % _members.Count];
            using var http = Client(baseUrl(client), _tokens.Member(member));
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                latencies[i] = await BookAsync(http, RandomBooking(random, day), started, answers);
            }
        })));
        return Result(scenario, latencies, answers, clock.Elapsed, cpuBefore, requests);
    }

    /// <summary>
    /// The same members and contention at a set pace: booking <paramref name="i"/> is due at i / <paramref name="perSecond"/>
    /// from the start and sent then, whether or not earlier ones are answered (an open load, as members arrive in
    /// the real world). Each latency runs from the booking's due time, not its send, so a late sender or a server
    /// that falls behind shows in the figures rather than slowing the load down (no coordinated omission).
    /// </summary>
    private async Task<BookingRun> PacedAsync(string scenario, Func<int, string> baseUrl, int requests, int clients, int dayOffset, double perSecond)
    {
        var day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(dayOffset);
        var latencies = new double[requests];
        var answers = new AnswerCounts();
        var randoms = Enumerable.Range(0, clients).Select(client => new Random(client * 7919 + dayOffset)).ToArray();
        var https = Enumerable.Range(0, clients).Select(client => Client(baseUrl(client), _tokens.Member(_members[client % _members.Count]))).ToArray();
        var sent = new List<Task>(requests);
        var cpuBefore = CpuSnapshot();
        var clock = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // From its due time when sent late; from its send when the timer woke a little early (under a millisecond).
            var (index, client, since) = (i, i % clients, Math.Min(due, Stopwatch.GetTimestamp()));
            var body = RandomBooking(randoms[client], day);
            sent.Add(Task.Run(async () => latencies[index] = await BookAsync(https[client], body, since, answers)));
        }

        await Task.WhenAll(sent);
        var elapsed = clock.Elapsed;
        foreach (var http in https)
        {
            http.Dispose();
        }

        return Result(scenario, latencies, answers, elapsed, cpuBefore, requests);
    }

    private object RandomBooking(Random random, DateTimeOffset day)
    {
        var start = day.AddHours(8 + random.Next(10));
        return new { resourceId = _resources[random.Next(_resources.Count)], startsAt = start, endsAt = start.AddHours(1 + random.Next(3)) };
    }

    /// <summary>Sends one booking and counts its answer; its latency in ms from <paramref name="since"/> (a timestamp).</summary>
    private static async Task<double> BookAsync(HttpClient http, object body, long since, AnswerCounts answers)
    {
        using var response = await http.PostAsJsonAsync("/api/booking/bookings", body);
        await response.Content.ReadAsByteArrayAsync();
        var latency = Stopwatch.GetElapsedTime(since).TotalMilliseconds;
        _ = response.StatusCode switch
        {
            HttpStatusCode.Created => Interlocked.Increment(ref answers.Booked),
            HttpStatusCode.Conflict => Interlocked.Increment(ref answers.Refused),
            _ => Interlocked.Increment(ref answers.Failed),
        };
        return latency;
    }

    /// <summary>How the answers of one run went; incremented from every request's task.</summary>
    private sealed class AnswerCounts
    {
        public int Booked;
        public int Refused;
        public int Failed;
    }

    private BookingRun Result(string scenario, double[] latencies, AnswerCounts answers, TimeSpan elapsed, Dictionary<string, double> cpuBefore, int requests)
    {
        var cpuAfter = CpuSnapshot();
        return new BookingRun(scenario, LatencySummary.Of(latencies, elapsed), answers.Booked, answers.Refused, answers.Failed, elapsed,
            cpuAfter.ToDictionary(cpu => cpu.Key, cpu => Math.Round((cpu.Value - cpuBefore[cpu.Key]) / requests, 0)));
    }

    /// <summary>CPU time so far of each process the bench runs, and the machine's busy time, in µs.</summary>
    private Dictionary<string, double> CpuSnapshot()
    {
        var processes = ProcessTree.Read();
        return new Dictionary<string, double>
        {
            ["booking-api"] = _booking.Replicas.Sum(replica => replica.Pid is { } pid ? processes.CpuMicroseconds(pid) : 0),
            ["gateway"] = _gateway.Replicas.Sum(replica => replica.Pid is { } pid ? processes.CpuMicroseconds(pid) : 0),
            // runuser, the postmaster and its backends.
            ["PostgreSQL"] = _postgres!.Pid is { } postgres ? processes.CpuMicroseconds(postgres) : 0,
            ["load generator (this bench)"] = processes.CpuMicroseconds(Environment.ProcessId, descendants: false),
            ["machine"] = ProcessTree.MachineBusyMicroseconds(),
        };
    }

    /// <summary>Pairs of confirmed bookings of one desk (not an open space) that overlap: the exclusion constraint's promise is 0.</summary>
    internal const string OverlappingDeskBookingsSql = """
            SELECT count(*) FROM booking."Bookings" a JOIN booking."Bookings" b
              ON a."ResourceId" = b."ResourceId" AND a."Id" < b."Id" AND a."Period" && b."Period"
            JOIN booking."Resources" r ON r."Id" = a."ResourceId"
            WHERE a."Status" = 'Confirmed' AND b."Status" = 'Confirmed' AND r."Kind" <> 'OpenSpace'
        """;

    /// <summary>Overlapping confirmed bookings of one desk (must be 0), and the most open-space seats taken at any instant.</summary>
    private async Task<(long Overlaps, int MostSeatsTaken)> CheckDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString(ResourceNames.BookingDb));
        await connection.OpenAsync();
        await using var overlaps = new NpgsqlCommand(OverlappingDeskBookingsSql, connection);
        var overlapCount = (long)(await overlaps.ExecuteScalarAsync())!;
        // Seats taken are highest at some booking's start: count the bookings covering each start.
        await using var seats = new NpgsqlCommand("""
            SELECT coalesce(max(taken), 0)::int FROM (
              SELECT (SELECT count(*) FROM booking."Bookings" o WHERE o."ResourceId" = b."ResourceId" AND o."Status" = 'Confirmed' AND o."Period" @> lower(b."Period")) AS taken
              FROM booking."Bookings" b JOIN booking."Resources" r ON r."Id" = b."ResourceId"
              WHERE r."Kind" = 'OpenSpace' AND b."Status" = 'Confirmed') starts
            """, connection);
        return (overlapCount, (int)(await seats.ExecuteScalarAsync())!);
    }

    private async Task WaitAsync(string countSql, long expected)
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString(ResourceNames.BookingDb));
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var command = new NpgsqlCommand(countSql, connection);
            if ((long)(await command.ExecuteScalarAsync())! >= expected)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{countSql} did not reach {expected}.");
            }

            await Task.Delay(200);
        }
    }

    private static HttpClient Client(string baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_booking is not null)
        {
            await _booking.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.StopAsync(graceful: false);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean: a bench must not fail on its temp files.
        }
    }
}
