using MassTransit;
using Microsoft.Extensions.Logging;

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
