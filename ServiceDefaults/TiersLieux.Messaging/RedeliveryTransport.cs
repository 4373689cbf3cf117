using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace TiersLieux.Messaging;

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
