using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace TiersLieux.Messaging;

/// <summary>
/// Immediate retries, then delayed redelivery without the delayed-exchange plugin (Debian's RabbitMQ has none):
/// once the immediate retries are spent, the delivery is copied, byte for byte with its headers, into a waiting queue whose TTL is the delay
/// and whose dead-letter route leads back to the consumer's queue; only once the broker confirms the copy is the
/// delivery acknowledged. After the last delay, or for a permanent failure, the exception propagates and
/// MassTransit moves the message to <c>&lt;queue&gt;_error</c> with the exception in its headers.
/// </summary>
public sealed class DelayedRedeliveryFilter(string queueName, MessagingOptions options, RedeliveryTransport transport, ILogger logger)
    : IFilter<ConsumeContext>
{
    /// <summary>MassTransit's own header for the count, so <c>context.GetRedeliveryCount()</c> reads it too.</summary>
    public const string RedeliveryCountHeader = "MT-Redelivery-Count";

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayed-redelivery");

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        try
        {
            await SendWithRetriesAsync(context, next);
        }
        catch (Exception error) when (!context.CancellationToken.IsCancellationRequested)
        {
            var queue = new KeyValuePair<string, object?>("queue", queueName);
            MessagingMetrics.ConsumerFailures.Add(1, queue);
            // Read from the transport (AMQP) headers, where the waiting-queue copy carries it.
            var redeliveries = context.ReceiveContext.TransportHeaders.Get(RedeliveryCountHeader, default(int?)) ?? 0;
            if (MessagingOptions.IsPermanent(error) || redeliveries >= options.RedeliveryDelays.Count)
            {
                MessagingMetrics.DeadLettered.Add(1, queue);
                logger.LogError(error, "Message {MessageId} failed on {Queue} after {Redeliveries} redelivery(ies): moved to {Queue}_error",
                    context.MessageId, queueName, redeliveries, queueName);
                throw;
            }

            var delay = options.RedeliveryDelays[redeliveries];
            await transport.ParkAsync(queueName, delay, context.ReceiveContext, redeliveries + 1, context.CancellationToken);
            MessagingMetrics.Redeliveries.Add(1, queue);
            logger.LogWarning(error, "Message {MessageId} failed on {Queue}: delivered again in {Delay} (redelivery {Count} of {Max})",
                context.MessageId, queueName, delay, redeliveries + 1, options.RedeliveryDelays.Count);
        }
    }

    /// <summary>A lost race or a dropped connection usually passes within a few hundred milliseconds.</summary>
    private async Task SendWithRetriesAsync(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next.Send(context);
                return;
            }
            catch (Exception error) when (attempt < options.ImmediateRetries && !MessagingOptions.IsPermanent(error) && !context.CancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), context.CancellationToken);
            }
        }
    }
}

/// <summary>
/// The channel that parks messages in waiting queues (one per queue and delay, declared on first use), on the
/// service's broker connection from Aspire's client integration (which recovers it after a broker restart).
/// </summary>
public sealed class RedeliveryTransport(IServiceProvider services) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = [];
    private IChannel? _channel;

    public static string WaitingQueue(string queueName, TimeSpan delay) =>
        string.Create(CultureInfo.InvariantCulture, $"{queueName}_delay_{(long)delay.TotalMilliseconds}ms");

    public async Task ParkAsync(string queueName, TimeSpan delay, ReceiveContext delivery, int redeliveryCount, CancellationToken cancellationToken)
    {
        var waiting = WaitingQueue(queueName, delay);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = delivery.ContentType?.ToString(),
            Headers = new Dictionary<string, object?>(StringComparer.Ordinal),
        };
        if (delivery.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit))
        {
            properties.MessageId = rabbit.Properties.MessageId;
            properties.CorrelationId = rabbit.Properties.CorrelationId;
            properties.Type = rabbit.Properties.Type;
            foreach (var (key, value) in rabbit.Properties.Headers ?? new Dictionary<string, object?>())
            {
                properties.Headers[key] = value;
            }
        }

        properties.Headers[DelayedRedeliveryFilter.RedeliveryCountHeader] = redeliveryCount;
        var body = delivery.Body.GetBytes();

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            if (!_declared.Contains(waiting))
            {
                await channel.QueueDeclareAsync(waiting, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
                {
                    ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = queueName,
                }, cancellationToken: cancellationToken);
                _declared.Add(waiting);
            }

            // Mandatory and confirmed: the original is acknowledged only once the broker holds the copy.
            await channel.BasicPublishAsync("", waiting, mandatory: true, properties, body, cancellationToken);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await ResetAsync();
        // Resolved here, not injected: while the broker is down the connection cannot be made, and the next
        // park tries again instead of the service failing to start.
        var connection = services.GetRequiredService<IConnection>();
        _channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        _declared.Clear();
        return _channel;
    }

    private async Task ResetAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}
