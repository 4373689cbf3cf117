using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiersLieux.Hosting.Dashboard;

/// <summary>A broker whose management API the dashboard reads (queue depths, <c>_error</c> queues).</summary>
public sealed record BrokerManagement(string Name, string Url, string UserName, string Password);

public sealed record QueueDepth(
    string Broker,
    string Name,
    long Messages,
    long Ready,
    long Unacknowledged,
    int Consumers,
    bool IsErrorQueue);

/// <summary>Reads every queue of the brokers through RabbitMQ's management HTTP API (<c>GET /api/queues</c>).</summary>
internal sealed class BrokerQueues(IReadOnlyList<BrokerManagement> brokers) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public bool Any => brokers.Count > 0;

    public async Task<(IReadOnlyList<QueueDepth> Queues, IReadOnlyList<string> Errors)> ReadAsync(CancellationToken cancellationToken)
    {
        var queues = new List<QueueDepth>();
        var errors = new List<string>();
        foreach (var broker in brokers)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get,
                    $"{broker.Url}/api/queues?columns=name,messages,messages_ready,messages_unacknowledged,consumers");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.UserName}:{broker.Password}")));
                using var response = await _http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var rows = await JsonSerializer.DeserializeAsync<List<ManagementQueue>>(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken) ?? [];
                queues.AddRange(rows.Select(row => new QueueDepth(broker.Name, row.Name, row.Messages, row.Ready, row.Unacknowledged, row.Consumers,
                    row.Name.EndsWith("_error", StringComparison.Ordinal))));
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The broker may be starting or stopped: the page says so instead of failing.
                errors.Add($"{broker.Name}: {error.Message}");
            }
        }

        return ([.. queues.OrderByDescending(queue => queue.IsErrorQueue && queue.Messages > 0).ThenBy(queue => queue.Name, StringComparer.Ordinal)], errors);
    }

    public void Dispose() => _http.Dispose();

    private sealed record ManagementQueue(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] long Messages,
        [property: JsonPropertyName("messages_ready")] long Ready,
        [property: JsonPropertyName("messages_unacknowledged")] long Unacknowledged,
        [property: JsonPropertyName("consumers")] int Consumers);
}
