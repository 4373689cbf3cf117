namespace TiersLieux.Hosting.Processes;

/// <summary>An smtp4dev server for tests: started on the given ports, ready once its SMTP port greets and its API answers.</summary>
public sealed class Smtp4devServer : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private Smtp4devServer(ManagedProcess process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebUrl = new Uri($"http://127.0.0.1:{webPort}");
    }

    public int SmtpPort { get; }

    public Uri WebUrl { get; }

    public int Pid => _process.Pid;

    /// <summary>The <c>ConnectionStrings:smtp</c> value the AppHost's resource gives a service.</summary>
    public string ConnectionString => $"Endpoint=smtp://127.0.0.1:{SmtpPort}";

    public static async Task<Smtp4devServer> StartAsync(string dataDirectory, int smtpPort, int webPort, LogBuffer log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var process = ManagedProcess.Start(Smtp4dev.Executable, Smtp4dev.Arguments(dataDirectory, smtpPort, FreePort.Next(), webPort), log, dataDirectory,
            new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = dataDirectory, ["DOTNET_gcServer"] = "0" });
        var server = new Smtp4devServer(process, smtpPort, webPort);
        try
        {
            await process.WaitUntilReadyAsync("smtp4dev", server.IsReadyAsync, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(200), cancellationToken);
            return server;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server (its messages, kept in memory, go with it).</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await Smtp4devProbe.ProblemAsync("127.0.0.1", SmtpPort, WebUrl, cancellationToken) is null;
}
