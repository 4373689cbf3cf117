using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using TiersLieux.Contracts.Directory;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing.Messaging;
using TiersLieux.Testing;

namespace TiersLieux.Messaging.Tests;

/// <summary>The processes fail for real; nothing is lost and nothing is applied twice. One at a time: each starts a world.</summary>
[Collection(nameof(FaultTests))]
[CollectionDefinition(nameof(FaultTests), DisableParallelization = true)]
public sealed class FaultTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task With_the_broker_down_1000_writes_are_kept_and_each_applied_exactly_once_when_it_returns()
    {
        await using var lab = await MessagingLab.StartAsync();
        await WaitForBrokerHealthAsync(lab.Consumer, HealthStatus.Healthy);
        await lab.StopBrokerAsync();
        // Aspire's RabbitMQ client integration reports the broker's absence on the service's /health.
        await WaitForBrokerHealthAsync(lab.Consumer, HealthStatus.Unhealthy);

        var ids = await lab.RegisterPlacesAsync(1000, "Broker down");

        Assert.Equal((0L, 1000L), ((await lab.OutboxAsync()).Sent, (await lab.OutboxAsync()).Unsent));
        await lab.StartBrokerAsync();
        var effects = await lab.WaitForEffectsAsync(1000, Propagation);
        Assert.Equal(ids.Order(), effects.Select(e => e.PlaceId).Order());
        Assert.All(effects, e => Assert.Equal(1, e.Applications));
        Assert.Equal(0, (await lab.OutboxAsync()).Unsent);
        await WaitForBrokerHealthAsync(lab.Consumer, HealthStatus.Healthy);
    }

    /// <summary>The check Aspire.RabbitMQ.Client registers, on the connection it recovers after a broker restart.</summary>
    private static async Task WaitForBrokerHealthAsync(IHost host, HealthStatus expected)
    {
        var health = host.Services.GetRequiredService<HealthCheckService>();
        HealthStatus? last = null;
        try
        {
            await TestWait.UntilAsync(async () =>
                (last = (await health.CheckHealthAsync(check => check.Name == "RabbitMQ.Client")).Status) == expected, Propagation);
        }
        catch (TimeoutException error)
        {
            throw new InvalidOperationException($"The broker's health check stayed {last}, expected {expected}.", error);
        }
    }

    [Fact]
    public async Task A_publisher_killed_in_the_middle_of_dispatching_loses_nothing_and_applies_nothing_twice()
    {
        // One row per transaction, so dispatching 1000 takes long enough to be interrupted.
        await using var lab = await MessagingLab.StartAsync(publisherEnvironment: new Dictionary<string, string>
        {
            ["Outbox__BatchSize"] = "1",
            ["Outbox__MaxBackoff"] = "00:00:01",
        });
        await lab.StopBrokerAsync();
        var ids = await lab.RegisterPlacesAsync(1000, "Killed publisher");
        var replica = lab.PublisherProject.Replicas[0];
        var firstPid = replica.Pid!.Value;

        await lab.StartBrokerAsync();
        long sentWhenKilled;
        while (true)
        {
            sentWhenKilled = (await lab.OutboxAsync()).Sent;
            if (sentWhenKilled >= 50)
            {
                Signals.Send(firstPid, Signals.SigKill);
                break;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var effects = await lab.WaitForEffectsAsync(1000, Propagation);
        Assert.InRange(sentWhenKilled, 50, 900);
        Assert.Equal(1, replica.Restarts);
        Assert.NotEqual(firstPid, replica.Pid);
        Assert.Equal(ids.Order(), effects.Select(e => e.PlaceId).Order());
        Assert.All(effects, e => Assert.Equal(1, e.Applications));
    }

    [Fact]
    public async Task The_consumer_database_restarted_during_consumption_loses_nothing_and_applies_nothing_twice()
    {
        await using var lab = await MessagingLab.StartAsync();
        var writing = lab.RegisterPlacesAsync(1000, "Consumer restart");
        while (await lab.EffectCountAsync() < 100)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await lab.RestartConsumerDatabaseAsync();
        var appliedBeforeRestartEnded = await lab.EffectCountAsync();
        var ids = await writing;

        var effects = await lab.WaitForEffectsAsync(1000, Propagation);
        Assert.InRange(appliedBeforeRestartEnded, 100, 999);
        Assert.Equal(ids.Order(), effects.Select(e => e.PlaceId).Order());
        Assert.All(effects, e => Assert.Equal(1, e.Applications));
    }

    [Fact]
    public async Task Two_publisher_replicas_dispatching_one_outbox_publish_each_event_once()
    {
        await using var lab = await MessagingLab.StartAsync(publisherReplicas: 2, publisherEnvironment: new Dictionary<string, string>
        {
            ["Outbox__BatchSize"] = "2",
            ["Outbox__MaxBackoff"] = "00:00:01",
        });
        // A plain listener without an inbox: it sees every publish, so a double publish cannot hide.
        await using var listener = await EventCollector<PlaceRegistered>.StartAsync(lab.Broker.ConnectionString, durable: true);

        // Broker up: each replica's commits wake its own dispatcher, so both claim rows from the one table at once.
        // (A backlog alone does not make both take part: the replica whose bus reconnects first may drain it all.)
        var live = await lab.RegisterPlacesAsync(500, "Two replicas live", url: i => lab.PublisherUrl(i % 2));
        await TestWait.UntilAsync(async () => (await lab.OutboxAsync()).Unsent == 0, Propagation);

        // Broker down: a backlog on both replicas, drained by whichever reconnects, each row still published once.
        await lab.StopBrokerAsync();
        var backlog = await lab.RegisterPlacesAsync(500, "Two replicas backlog", url: i => lab.PublisherUrl(i % 2));
        var ids = live.Concat(backlog).ToList();

        await lab.StartBrokerAsync();
        await lab.WaitForEffectsAsync(1000, Propagation);
        // Every row marked sent (so no replica publishes again: a row is marked only after the broker confirmed it),
        // and the listener, which reconnects on its own after the restart, has seen every event.
        await TestWait.UntilAsync(async () => (await lab.OutboxAsync()).Unsent == 0, Propagation);
        await TestWait.UntilAsync(() => listener.Received.Select(context => context.Message.PlaceId).Distinct().Count() >= ids.Count, Propagation);

        var deliveries = listener.Received.GroupBy(context => context.Message.PlaceId).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(ids.Order(), deliveries.Keys.Order());
        Assert.All(deliveries, delivery => Assert.Equal(1, delivery.Value));
        Assert.Equal(2, (await lab.OutboxAsync()).Publishers);
    }

    [Fact]
    public async Task A_poison_message_reaches_the_error_queue_after_its_retries_while_the_rest_keep_flowing()
    {
        await using var lab = await MessagingLab.StartAsync(consumerRedeliveryDelays: [TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600)]);
        using var metrics = new MetricsRecorder();
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await MessagingLab.RegisterPlaceAsync($"POISON {suffix}", lab.PublisherUrl());
        await MessagingLab.RegisterPlaceAsync($"INVALID {suffix}", lab.PublisherUrl());
        var ids = await lab.RegisterPlacesAsync(20, $"Healthy {suffix}");

        var effects = await lab.WaitForEffectsAsync(20, Propagation);
        Assert.Equal(ids.Order(), effects.Select(e => e.PlaceId).Order());
        var failed = await WaitForErrorQueueAsync(lab.Broker.ConnectionString, "effects-consumer-place-registered_error", 2, TimeSpan.FromSeconds(30));
        var poison = Assert.Single(failed, message => message.Body.Contains($"POISON {suffix}", StringComparison.Ordinal));
        var invalid = Assert.Single(failed, message => message.Body.Contains($"INVALID {suffix}", StringComparison.Ordinal));

        // A bug-like failure: 1 try + 3 immediate retries, on the first delivery and on each of the 2 redeliveries.
        Assert.Equal(12, PlaceRegisteredConsumer.Attempts[$"POISON {suffix}"]);
        Assert.Equal("2", poison.Headers["MT-Redelivery-Count"]);
        Assert.Contains("the consumer has a bug", poison.Headers["MT-Fault-Message"], StringComparison.Ordinal);
        // A message that can never be applied: no retry at all.
        Assert.Equal(1, PlaceRegisteredConsumer.Attempts[$"INVALID {suffix}"]);
        Assert.Contains("can never be applied", invalid.Headers["MT-Fault-Message"], StringComparison.Ordinal);
        Assert.DoesNotContain(effects, e => e.Name.StartsWith("POISON", StringComparison.Ordinal));
        // Ops see it too: two redeliveries, two dead letters, and a failure per failed delivery.
        Assert.True(metrics.Total("tierslieux.consumer.redeliveries") >= 2, "redeliveries not counted");
        Assert.True(metrics.Total("tierslieux.consumer.dead_lettered") >= 2, "dead letters not counted");
        Assert.True(metrics.Total("tierslieux.consumer.failures") >= 4, "consumer failures not counted");
    }

    private sealed record QueuedMessage(string Body, IReadOnlyDictionary<string, string> Headers);

    private static async Task<IReadOnlyList<QueuedMessage>> WaitForErrorQueueAsync(string amqp, string queue, int expected, TimeSpan timeout)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTimeOffset.UtcNow + timeout;
        var messages = new List<QueuedMessage>();
        while (messages.Count < expected && DateTimeOffset.UtcNow < deadline)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: true);
            if (result is null)
            {
                await Task.Delay(200);
                continue;
            }

            var headers = new ConcurrentDictionary<string, string>();
            foreach (var (key, value) in result.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                headers[key] = value switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    null => "",
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
            }

            messages.Add(new QueuedMessage(Encoding.UTF8.GetString(result.Body.Span), headers));
        }

        Assert.True(messages.Count == expected, $"{messages.Count} of {expected} messages in {queue} after {timeout.TotalSeconds} s");
        return messages;
    }
}
