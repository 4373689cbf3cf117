using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;
using TiersLieux.Contracts.Audit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging.Database;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Messaging;
using TiersLieux.Topology;

namespace TiersLieux.Messaging.Tests;

public sealed class LabFixture : IAsyncLifetime
{
    public MessagingLab Lab { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Lab = await MessagingLab.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}

/// <summary>The pipe working normally: duplicates absorbed, one trace from the HTTP request to the consumer, the database probe beside it.</summary>
[Collection(nameof(FaultTests))]
public sealed class PipeTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private MessagingLab Lab => fixture.Lab;

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        var place = new PlaceRegistered(Guid.CreateVersion7(), $"Duplicate {Guid.NewGuid():N}"[..20], "fablab", "Albi", "81000", "81", 43.93, 2.15, 1, DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        // The consumer's own bus publishes, as a re-sending outbox would: twice, with one message id.
        var bus = Lab.Consumer.Services.GetRequiredService<IBus>();
        var before = await Lab.EffectCountAsync();
        using var metrics = new MetricsRecorder();

        await bus.Publish(place, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(place, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        var effects = await Lab.WaitForEffectsAsync(before + 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, Assert.Single(effects, e => e.PlaceId == place.PlaceId).Applications);
        Assert.Equal(1L, await InboxRowsAsync(messageId));
        await TestWait.UntilAsync(() => metrics.Total("tierslieux.inbox.duplicates") >= 1, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A service's requests and consumers share a bounded pool; the AppHost's health probe must not queue behind them
    /// (it timed out after 10 s and the service was reported unhealthy while its database was fine). With the pool
    /// taken, a probe that shared it would wait for Npgsql's connection timeout and then report the database down.
    /// </summary>
    [Fact]
    public async Task The_database_health_check_answers_while_every_connection_of_the_requests_pool_is_taken()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var requestsPool = DatabaseExtensions.WithBoundedPool(DatabaseExtensions.WithAutoPrepare(ServiceDatabaseRole.RuntimeConnectionString(Lab.ConsumerConnectionString)));
        var taken = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < DatabaseExtensions.DefaultMaxPoolSize; i++)
            {
                var connection = new NpgsqlConnection(requestsPool);
                taken.Add(connection);
                await connection.OpenAsync(cancellation);
            }

            var report = await Lab.Consumer.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(check => check.Name == nameof(PlaceEffectsDbContext), cancellation);

            var database = Assert.Single(report.Entries).Value;
            Assert.True(database.Status == HealthStatus.Healthy, $"{database.Status}: {database.Description} {database.Exception?.Message}");
        }
        finally
        {
            foreach (var connection in taken)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Trace_context_flows_from_the_http_request_through_the_outbox_to_the_consumer()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var before = await Lab.EffectCountAsync();

        var id = await MessagingLab.RegisterPlaceAsync($"Traced {Guid.NewGuid():N}"[..20], Lab.PublisherUrl(), $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var effects = await Lab.WaitForEffectsAsync(before + 1, TimeSpan.FromSeconds(30));
        var stored = await ScalarAsync(Lab.PublisherConnectionString, "SELECT \"TraceParent\" FROM directory.\"OutboxMessages\" ORDER BY \"Sequence\" DESC LIMIT 1");
        Assert.Contains(traceId, stored, StringComparison.Ordinal);
        Assert.Equal(traceId, Assert.Single(effects, e => e.PlaceId == id).TraceId);
    }

    [Fact]
    public async Task Outbox_rows_of_mixed_types_reach_the_broker_in_their_order_with_their_confirms_pipelined()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // Three types nobody in the lab consumes, in runs of every length from 1 to 90 across batches of 100: the
        // dispatcher pipelines within a run and changes send endpoint between runs.
        var events = new List<object>();
        var random = new Random(20261204);
        int[] runLengths = [1, 1, 2, 3, 5, 8, 13, 40, 90];
        while (events.Count < 700)
        {
            var kind = random.Next(3);
            var length = runLengths[random.Next(runLengths.Length)];
            for (var i = 0; i < length; i++)
            {
                events.Add(OrderedEvent(kind, events.Count));
            }
        }

        await using var connection = await new ConnectionFactory { Uri = new Uri(Lab.Broker.ConnectionString) }.CreateConnectionAsync(cancellation);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation);
        var probe = $"outbox-order-probe-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(probe, durable: false, exclusive: false, autoDelete: false, cancellationToken: cancellation);
        foreach (var type in new[] { typeof(PlaceUpdated), typeof(LabelApplicationDecided), typeof(SensitiveActionTaken) })
        {
            // MassTransit's publish topology: a durable fanout exchange per message type, named Namespace:Type.
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellation);
            await channel.QueueBindAsync(probe, exchange, "", cancellationToken: cancellation);
        }

        var written = await WriteOutboxAsync(events, cancellation);
        using var publisher = OutboxPublisher();
        await publisher.StartAsync(cancellation);
        try
        {
            await TestWait.UntilAsync(async () => await channel.MessageCountAsync(probe, cancellation) >= (uint)written.Count, TimeSpan.FromMinutes(1));
            var arrived = new List<Guid>();
            while (await channel.BasicGetAsync(probe, autoAck: true, cancellation) is { } delivery)
            {
                arrived.Add(Guid.Parse(delivery.BasicProperties.MessageId!));
            }

            Assert.Equal(written, arrived);
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
            await channel.QueueDeleteAsync(probe, cancellationToken: CancellationToken.None);
        }
    }

    private static object OrderedEvent(int kind, int index) => kind switch
    {
        0 => new PlaceUpdated(Guid.CreateVersion7(), $"Ordered {index}", "fablab", "Albi", "81000", "81", 43.93, 2.15, index + 2, DateTimeOffset.UtcNow),
        1 => new LabelApplicationDecided(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "Label 2026", 2026, "granted",
            null, $"Ordered {index}", DateTimeOffset.UtcNow),
        _ => new SensitiveActionTaken(Guid.CreateVersion7(), "effects", "ordered", $"tester-{index}", "network", "test", index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, [], "done", DateTimeOffset.UtcNow),
    };

    /// <summary>Writes the events in one transaction, as a service does; their message ids in outbox order.</summary>
    private async Task<IReadOnlyList<Guid>> WriteOutboxAsync(IReadOnlyList<object> events, CancellationToken cancellation)
    {
        var options = new DbContextOptionsBuilder<PlaceEffectsDbContext>().UseNpgsql(Lab.ConsumerConnectionString).Options;
        await using var db = new PlaceEffectsDbContext(options);
        var first = await db.Set<OutboxMessage>().MaxAsync(message => (long?)message.Sequence, cancellation) ?? 0;
        foreach (var integrationEvent in events)
        {
            db.AddIntegrationEvent(integrationEvent);
        }

        await db.SaveChangesAsync(cancellation);
        return await db.Set<OutboxMessage>().Where(message => message.Sequence > first).OrderBy(message => message.Sequence)
            .Select(message => message.MessageId).ToListAsync(cancellation);
    }

    /// <summary>A service that only publishes: the consumer's database and its outbox, dispatched as every service's is.</summary>
    private IHost OutboxPublisher()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "outbox-order-publisher" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{PlaceEffectsDbContext.ConnectionName}"] = Lab.ConsumerConnectionString,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = Lab.Broker.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<PlaceEffectsDbContext>(PlaceEffectsDbContext.ConnectionName);
        builder.AddServiceMessaging(ResourceNames.Messaging);
        builder.AddTransactionalOutbox<PlaceEffectsDbContext>();
        return builder.Build();
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<long> InboxRowsAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(Lab.ConsumerConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM effects.\"InboxMessages\" WHERE \"MessageId\" = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
