using System.Collections.Immutable;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting.LocalRabbitMQ;

/// <summary>
/// What ops used to read on our own dashboard, the Aspire way: every queue's depth and consumers as properties of
/// the messaging resource, refreshed every few seconds; and a health check that says Degraded while an
/// <c>_error</c> queue holds messages (dead letters wait for someone to look, then for the replay command).
/// </summary>
internal sealed class QueueMonitor(LocalRabbitMQServerResource broker) : IHealthCheck
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private volatile IReadOnlyList<QueueDepth>? _latest;
    private volatile string? _instance;

    public RabbitMQQueues Queues { get; } = new(broker);

    public async Task RunAsync(ResourceNotificationService notifications, ILogger logger, CancellationToken cancellationToken)
    {
        // The running instance's own id (DCP's name for it): properties published under the resource's bare name
        // would make a second snapshot, not update the one the dashboard shows.
        try
        {
            _instance = (await notifications.WaitForResourceAsync(broker.Name,
                change => change.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken)).ResourceId;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(notifications, cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(error, "Queue depths of {Broker} not read this time", broker.Name);
            }

            try
            {
                await Task.Delay(Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        var queues = await Queues.ReadAsync(cancellationToken);
        _latest = queues;
        var deadLettered = queues.Where(queue => queue.IsDeadLetterQueue).Sum(queue => queue.Messages);
        var properties = queues.OrderByDescending(queue => queue.IsDeadLetterQueue && queue.Messages > 0).ThenBy(queue => queue.Name, StringComparer.Ordinal)
            .Select(queue => new ResourcePropertySnapshot($"queue.{queue.Name}",
                string.Create(CultureInfo.InvariantCulture, $"{queue.Messages} messages ({queue.Ready} ready, {queue.Unacknowledged} unacked), {queue.Consumers} consumers")))
            .Prepend(new ResourcePropertySnapshot("queues.dead-lettered", deadLettered))
            .Prepend(new ResourcePropertySnapshot("queues.count", queues.Count))
            .ToList();
        await notifications.PublishUpdateAsync(broker, _instance ?? broker.Name, snapshot => snapshot with
        {
            Properties = [.. snapshot.Properties.Where(property => !property.Name.StartsWith("queue", StringComparison.Ordinal)), .. properties],
        });
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_latest is not { } queues)
        {
            return Task.FromResult(HealthCheckResult.Healthy("queue depths not read yet"));
        }

        var dead = queues.Where(queue => queue.IsDeadLetterQueue && queue.Messages > 0).ToList();
        return Task.FromResult(dead.Count == 0
            ? HealthCheckResult.Healthy("no dead letters")
            : HealthCheckResult.Degraded($"dead letters waiting: {string.Join(", ", dead.Select(queue => $"{queue.Name} ({queue.Messages})"))}",
                data: dead.ToImmutableDictionary(queue => queue.Name, queue => (object)queue.Messages)));
    }
}
