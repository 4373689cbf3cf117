using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using RabbitMQ.Client;

namespace TiersLieux.Hosting.LocalRabbitMQ;

/// <summary>The broker's queues, read from its management API, and the dead letters moved back to their queues.</summary>
public sealed class RabbitMQQueues(LocalRabbitMQServerResource broker)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken)
    {
        var management = broker.ManagementEndpoint;
        var password = await broker.PasswordParameter.GetValueAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"http://{management.Host}:{management.Port}/api/queues?columns=name,messages,messages_ready,messages_unacknowledged,consumers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalRabbitMQServerResource.UserName}:{password}")));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<QueueDepth>>(cancellationToken) ?? [];
    }

    /// <summary>
    /// Moves every message of every non-empty <c>_error</c> queue back to the queue it failed in, one at a time with
    /// a publisher confirm before the dead letter is acknowledged (a crash in between re-sends, never loses: the
    /// consumers' inbox absorbs the duplicate). Returns how many were moved, per queue.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> ReplayDeadLettersAsync(CancellationToken cancellationToken)
    {
        var moved = new Dictionary<string, int>(StringComparer.Ordinal);
        var deadLetterQueues = (await ReadAsync(cancellationToken)).Where(queue => queue.IsDeadLetterQueue && queue.Messages > 0).ToList();
        if (deadLetterQueues.Count == 0)
        {
            return moved;
        }

        var factory = new ConnectionFactory { Uri = new Uri((await broker.ConnectionStringExpression.GetValueAsync(cancellationToken))!) };
        await using var connection = await factory.CreateConnectionAsync("dead-letter replay", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        foreach (var deadLetters in deadLetterQueues)
        {
            var queue = deadLetters.Name[..^QueueDepth.ErrorSuffix.Length];
            var count = 0;
            while (await channel.BasicGetAsync(deadLetters.Name, autoAck: false, cancellationToken) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties);
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                count++;
            }

            moved[queue] = count;
        }

        return moved;
    }
}
