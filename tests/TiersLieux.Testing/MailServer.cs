using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>
/// A real SMTP server for a test class (smtp4dev on free ports, messages in memory), and what it received, read
/// back through its API as the MIME messages the service sent. <see cref="StopAsync"/> and <see cref="StartAsync()"/>
/// take it down and bring it back on the same ports (an outage of the relay).
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tierslieux-tests", $"smtp-{Guid.NewGuid():N}"[..17]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, MimeMessage> _read = [];

    // Test classes running in parallel share one server: one reader at a time.
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Smtp4devServer? _server;
    private int _smtpPort;
    private int _webPort;

    public LogBuffer Log { get; } = new();

    /// <summary>The <c>ConnectionStrings:smtp</c> of the service under test.</summary>
    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{_smtpPort}";

    public static async Task<MailServer> StartNewAsync()
    {
        var server = new MailServer();
        var (started, ports) = await Servers.StartAsync(() => (Smtp: FreePort.Next(), Web: FreePort.Next()),
            async ports => await Smtp4devServer.StartAsync(server._directory, ports.Smtp, ports.Web, server.Log, CancellationToken.None), server.Log);
        (server._server, server._smtpPort, server._webPort) = (started, ports.Smtp, ports.Web);
        return server;
    }

    /// <summary>Brings a stopped server back on the same ports.</summary>
    public async Task StartAsync()
    {
        _server = await Smtp4devServer.StartAsync(_directory, _smtpPort, _webPort, Log, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>Every message received since the server (last) started, parsed.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAsync()
    {
        await _reading.WaitAsync();
        try
        {
            return await ReadAsync();
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<IReadOnlyList<MimeMessage>> ReadAsync()
    {
        var server = _server ?? throw new InvalidOperationException("The mail server is stopped.");
        var list = (await _http.GetFromJsonAsync<JsonObject>(new Uri(server.WebUrl, "/api/messages?pageSize=10000")))!["results"]!.AsArray();
        var messages = new List<MimeMessage>();
        foreach (var id in list.Select(entry => entry!["id"]!.GetValue<string>()))
        {
            if (!_read.TryGetValue(id, out var message))
            {
                await using var raw = await _http.GetStreamAsync(new Uri(server.WebUrl, $"/api/messages/{id}/raw"));
                message = await MimeMessage.LoadAsync(raw);
                _read[id] = message;
            }

            messages.Add(message);
        }

        return messages;
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _reading.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
