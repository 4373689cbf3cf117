using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;
using TiersLieux.Hosting.Processes;
using TiersLieux.ServiceDefaults;

using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Testing.Messaging;

/// <summary>
/// A small world of real processes for one fault test: a broker, the publisher (directory-api, its own process,
/// on its own PostgreSQL), and a consumer (built from ServiceDefaults, on its own PostgreSQL), each of which a
/// test can stop, kill or restart.
/// </summary>
public sealed class MessagingLab : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tierslieux-messaging", Guid.NewGuid().ToString("N")[..12]);
    private PostgresServerOptions _consumerPostgresOptions = null!;
    private RabbitMqNodeOptions _brokerOptions = null!;

    public LogBuffer InfrastructureLog { get; } = new();

    public PostgresServer PublisherPostgres { get; private set; } = null!;

    public PostgresServer ConsumerPostgres { get; private set; } = null!;

    public RabbitMqNode Broker { get; private set; } = null!;

    public IHost Consumer { get; private set; } = null!;

    /// <summary>directory-api, the publisher under test, as processes a test can kill (they come back by themselves).</summary>
    public ServiceProcess PublisherProject { get; private set; } = null!;

    public string ConsumerConnectionString => ConsumerPostgres.ConnectionString("effectsdb");

    public string PublisherConnectionString => PublisherPostgres.ConnectionString(ResourceNames.DirectoryDb);

    public static async Task<MessagingLab> StartAsync(
        int publisherReplicas = 1,
        IReadOnlyDictionary<string, string>? publisherEnvironment = null,
        IReadOnlyList<TimeSpan>? consumerRedeliveryDelays = null)
    {
        var lab = new MessagingLab();
        try
        {
            await lab.StartInfrastructureAsync();
            await lab.StartConsumerAsync(consumerRedeliveryDelays);
            await lab.StartPublisherAsync(publisherReplicas, publisherEnvironment ?? new Dictionary<string, string>());
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    private async Task StartInfrastructureAsync()
    {
        var publisherPostgres = Servers.StartPostgresAsync(Path.Combine(_root, "publisher-postgres"), InfrastructureLog, CancellationToken.None);
        var consumerPostgres = Servers.StartAsync(() => Servers.PostgresOptions(Path.Combine(_root, "consumer-postgres")),
            options => PostgresServer.StartAsync(options, InfrastructureLog, CancellationToken.None), InfrastructureLog);
        var broker = Servers.StartAsync(() => Servers.RabbitMqOptions(Path.Combine(_root, "broker"), $"lab-{Path.GetFileName(_root)}@localhost", management: false),
            options => RabbitMqNode.StartAsync(options, InfrastructureLog, CancellationToken.None), InfrastructureLog);
        PublisherPostgres = await publisherPostgres;
        (ConsumerPostgres, _consumerPostgresOptions) = await consumerPostgres;
        (Broker, _brokerOptions) = await broker;
        await ConsumerPostgres.CreateDatabaseAsync("effectsdb", CancellationToken.None);
    }

    private async Task StartConsumerAsync(IReadOnlyList<TimeSpan>? redeliveryDelays)
    {
        Consumer = ConsumerHost.Build(ConsumerConnectionString, Broker.ConnectionString, redeliveryDelays);
        await Consumer.StartAsync();
        // Its queue must exist and be bound before anything is published, or the first events have nowhere to go.
        var health = await Consumer.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.Equal(BusHealthStatus.Healthy, health);
    }

    private async Task StartPublisherAsync(int replicas, IReadOnlyDictionary<string, string> environment)
    {
        await PublisherPostgres.CreateDatabaseAsync(ResourceNames.DirectoryDb, CancellationToken.None);
        var variables = new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{ResourceNames.DirectoryDb}"] = PublisherConnectionString,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = Broker.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // Registering places takes the network team's token: the lab's issuer stands in for membership.
        foreach (var (key, value) in (await TestTokenIssuer.SharedAsync()).ServiceEnvironment)
        {
            variables[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        PublisherProject = await ServiceProcess.StartAsync(ResourceNames.DirectoryApi, ProjectOutputs.Assembly(ProjectOutputs.DirectoryApi), replicas,
            variables, InfrastructureLog, TimeSpan.FromSeconds(90));
    }

    public string PublisherUrl(int replica = 0) => PublisherProject.Replicas[replica].HttpUrl;

    public async Task StopBrokerAsync() => await Broker.StopAsync(graceful: true);

    /// <summary>The same node again: same name, ports and data, so durable queues and their messages come back.</summary>
    public async Task StartBrokerAsync() => Broker = await RabbitMqNode.StartAsync(_brokerOptions, InfrastructureLog, CancellationToken.None);

    public async Task RestartConsumerDatabaseAsync()
    {
        await ConsumerPostgres.StopAsync();
        ConsumerPostgres = await PostgresServer.StartAsync(_consumerPostgresOptions, InfrastructureLog, CancellationToken.None);
        // The lab's own idle connections (its counts) went with the old server. The consumer's pool is another one (its
        // connection string adds auto-prepare) and learns of the restart by itself; this one would hand out a dead
        // connection first.
        using var lab = new NpgsqlConnection(ConsumerConnectionString);
        NpgsqlConnection.ClearPool(lab);
    }

    /// <summary>Registers <paramref name="count"/> places through the publisher's HTTP API, a few at a time; their ids.</summary>
    public async Task<IReadOnlyList<Guid>> RegisterPlacesAsync(int count, string prefix, int parallelism = 8, Func<int, string>? url = null)
    {
        var ids = new Guid[count];
        using var slots = new SemaphoreSlim(parallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                ids[i] = await RegisterPlaceAsync($"{prefix} {i:D4}", (url ?? (_ => PublisherUrl()))(i));
            }
            finally
            {
                slots.Release();
            }
        }));
        return ids;
    }

    /// <summary>The network team's token for the labs' writes, long-lived enough for any benchmark run.</summary>
    private static string? AdminToken { get; set; }

    public static async Task<Guid> RegisterPlaceAsync(string name, string baseUrl, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/api/directory/places")
        {
            Content = JsonContent.Create(SamplePlaces.Narbonne(name, "coworking")),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken ??= (await TestTokenIssuer.SharedAsync()).Token("network-lab", [global::TiersLieux.Security.PlatformRoles.NetworkAdmin], lifetime: TimeSpan.FromHours(3)));
        // As a frontend would: the request belongs to the caller's trace, and HttpClient propagates it.
        using var caller = traceParent is null ? null : new System.Diagnostics.Activity("frontend").SetParentId(traceParent).Start();
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public async Task<(long Sent, long Unsent, int Publishers)> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(PublisherConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE \"SentAt\" IS NOT NULL), count(*) FILTER (WHERE \"SentAt\" IS NULL), count(DISTINCT \"SentBy\") FROM directory.\"OutboxMessages\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<PlaceEffect>> EffectsAsync()
    {
        await using var connection = new NpgsqlConnection(ConsumerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"PlaceId\", \"Name\", \"Applications\", \"TraceId\", \"AppliedAt\" FROM effects.\"Effects\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var effects = new List<PlaceEffect>();
        while (await reader.ReadAsync())
        {
            effects.Add(new PlaceEffect
            {
                PlaceId = reader.GetGuid(0),
                Name = reader.GetString(1),
                Applications = reader.GetInt32(2),
                TraceId = reader.IsDBNull(3) ? null : reader.GetString(3),
                AppliedAt = reader.GetFieldValue<DateTimeOffset>(4),
            });
        }

        return effects;
    }

    public async Task<int> EffectCountAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConsumerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM effects.\"Effects\"", connection);
            return (int)(long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    /// <summary>Waits until the consumer has applied <paramref name="expected"/> places; returns them.</summary>
    public async Task<IReadOnlyList<PlaceEffect>> WaitForEffectsAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await EffectCountAsync() >= expected)
            {
                // A little longer: a duplicate arriving late would show as a second application.
                await Task.Delay(TimeSpan.FromSeconds(1));
                return await EffectsAsync();
            }

            await Task.Delay(100);
        }

        var outbox = await OutboxAsync();
        throw new TimeoutException($"{await EffectCountAsync()} of {expected} effects after {timeout.TotalSeconds} s; outbox sent {outbox.Sent}, unsent {outbox.Unsent}.\n" +
            string.Join('\n', InfrastructureLog.Read(max: 40).Select(l => l.Text)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Consumer is not null)
        {
            await Consumer.StopAsync();
            Consumer.Dispose();
        }

        if (PublisherProject is not null)
        {
            await PublisherProject.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.StopAsync(graceful: false);
        }

        foreach (var postgres in new[] { PublisherPostgres, ConsumerPostgres })
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }
}
