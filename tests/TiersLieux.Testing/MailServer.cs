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
    private Smtp4devServer? _server;
    private int _smtpPort;
    private int _webPort;
    private Mailbox? _mailbox;

    public LogBuffer Log { get; } = new();

    /// <summary>The <c>ConnectionStrings:smtp</c> of the service under test.</summary>
    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{_smtpPort}";

    public static async Task<MailServer> StartNewAsync()
    {
        var server = new MailServer();
        var (started, ports) = await Servers.StartAsync(() => (Smtp: FreePort.Next(), Web: FreePort.Next()),
            async ports => await Smtp4devServer.StartAsync(server._directory, ports.Smtp, ports.Web, server.Log, CancellationToken.None), server.Log);
        (server._server, server._smtpPort, server._webPort) = (started, ports.Smtp, ports.Web);
        server._mailbox = new Mailbox(new Uri($"http://127.0.0.1:{ports.Web}"));
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
            // A frozen server would not hear SIGTERM until the grace ran out.
            Thaw();
            await _server.StopAsync();
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>
    /// Freezes the server (SIGSTOP) mid-conversation: connections stay open and nothing is answered, as with a relay
    /// that hangs. <see cref="Thaw"/> lets it go on where it stopped.
    /// </summary>
    public void Freeze() => Signals.Send(Running.Pid, Signals.SigStop);

    public void Thaw() => Signals.Send(Running.Pid, Signals.SigCont);

    private Smtp4devServer Running => _server ?? throw new InvalidOperationException("The mail server is stopped.");

    /// <summary>Every message received since the server (last) started, parsed.</summary>
    public Task<IReadOnlyList<MimeMessage>> ReceivedAsync() => Mailbox.ReceivedAsync();

    /// <summary>The messages to <paramref name="address"/> (from <paramref name="from"/>, when given), once there are at least <paramref name="count"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, string? from = null) =>
        Mailbox.WaitForAsync(address, count, timeout, from);

    /// <summary>Read through the web port, which stays the same across a stop and a start.</summary>
    private Mailbox Mailbox => _server is null ? throw new InvalidOperationException("The mail server is stopped.") : _mailbox!;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _mailbox?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
