using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;

namespace TiersLieux.Testing;

/// <summary>
/// What an smtp4dev server received, read back through its web API as the MIME messages that were sent: the
/// test's own server (<see cref="MailServer"/>) or the one an AppHost runs.
/// </summary>
public sealed class Mailbox(Uri webUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, MimeMessage> _read = [];

    // Test classes running in parallel share one server: one reader at a time.
    private readonly SemaphoreSlim _reading = new(1, 1);

    /// <summary>Every message the server holds, parsed.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAsync()
    {
        await _reading.WaitAsync();
        try
        {
            var list = (await _http.GetFromJsonAsync<JsonObject>(new Uri(webUrl, "/api/messages?pageSize=10000")))!["results"]!.AsArray();
            var messages = new List<MimeMessage>();
            foreach (var id in list.Select(entry => entry!["id"]!.GetValue<string>()))
            {
                if (!_read.TryGetValue(id, out var message))
                {
                    await using var raw = await _http.GetStreamAsync(new Uri(webUrl, $"/api/messages/{id}/raw"));
                    message = await MimeMessage.LoadAsync(raw);
                    _read[id] = message;
                }

                messages.Add(message);
            }

            return messages;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>The messages to <paramref name="address"/> (from <paramref name="from"/>, when given), once there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, string? from = null)
    {
        IReadOnlyList<MimeMessage> received = [];
        await TestWait.UntilAsync(async () =>
        {
            received = [.. (await ReceivedAsync()).Where(message => message.To.Mailboxes.Any(to => to.Address == address)
                && (from is null || message.From.Mailboxes.Any(sender => sender.Address == from)))];
            return received.Count >= count;
        }, timeout ?? TimeSpan.FromSeconds(60));
        return received;
    }

    public void Dispose()
    {
        _http.Dispose();
        _reading.Dispose();
    }
}
