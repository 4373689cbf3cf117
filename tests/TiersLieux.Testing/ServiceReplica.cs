using System.Globalization;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>One process of a <see cref="ServiceProcess"/>.</summary>
public sealed class ServiceReplica : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string _assemblyPath;
    private readonly Dictionary<string, string?> _environment;
    private readonly LogBuffer _log;
    private readonly CancellationTokenSource _stopping = new();
    private ManagedProcess? _process;
    private int _restarts;

    internal ServiceReplica(string name, string assemblyPath, IReadOnlyDictionary<string, string?> environment, LogBuffer log)
    {
        Name = name;
        _assemblyPath = assemblyPath;
        _log = log;
        var port = FreePort.Next();
        HttpUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        _environment = new Dictionary<string, string?>(environment)
        {
            ["ASPNETCORE_URLS"] = HttpUrl,
            ["OTEL_SERVICE_NAME"] = name,
        };
    }

    public string Name { get; }

    public string HttpUrl { get; }

    public int? Pid => _process?.Pid;

    /// <summary>How many times the replica was started again after dying unasked.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    internal async Task StartAsync(TimeSpan timeout)
    {
        await LaunchAsync(timeout);
        _ = SuperviseAsync(timeout);
    }

    private async Task LaunchAsync(TimeSpan timeout)
    {
        _process = ManagedProcess.Start("dotnet", [_assemblyPath], _log, workingDirectory: Path.GetDirectoryName(_assemblyPath),
            environment: _environment, removeEnvironment: ["ConnectionStrings__", "OTEL_", "services__"]);
        await _process.WaitUntilReadyAsync(Name, IsHealthyAsync, timeout, TimeSpan.FromMilliseconds(200), _stopping.Token);
    }

    private async Task SuperviseAsync(TimeSpan timeout)
    {
        while (!_stopping.IsCancellationRequested)
        {
            await _process!.Exited;
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _restarts);
            try
            {
                await LaunchAsync(timeout);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync($"{HttpUrl}/health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
            await _process.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
