using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Hosting;
using TiersLieux.Hosting.Processes;
namespace TiersLieux.Testing;

/// <summary>
/// The real AppHost, started as ./run.sh starts it (with its own state directory and free ports, so it can run
/// beside a developer's AppHost and other test assemblies), observed through its dashboard API. Used by the
/// end-to-end tests and the platform bench.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ManagedProcess _process;
    private readonly bool _ownsState;

    private AppHostProcess(ManagedProcess process, string stateDirectory, bool ownsState, string dashboardUrl)
    {
        _process = process;
        _ownsState = ownsState;
        StateDirectory = stateDirectory;
        DashboardUrl = dashboardUrl;
    }

    public LogBuffer Console { get; } = new();

    public string StateDirectory { get; }

    public string DashboardUrl { get; }

    public ManagedProcess Process => _process;

    /// <summary>
    /// Starts the AppHost (<paramref name="appHost"/>: the caller's <c>Projects.TiersLieux_AppHost</c>);
    /// <paramref name="environment"/> reaches every project it starts (configuration overrides). Without
    /// <paramref name="stateDirectory"/> it gets a fresh one of its own, deleted at the end; a given one is kept, and
    /// <paramref name="fresh"/> false starts on the data already there (a warm start).
    /// </summary>
    public static AppHostProcess Start(IProjectMetadata appHost, IReadOnlyDictionary<string, string?>? environment = null, string? stateDirectory = null, bool fresh = true)
    {
        ArgumentNullException.ThrowIfNull(appHost);
        var state = stateDirectory ?? Path.Combine(Path.GetTempPath(), "tierslieux-e2e", Guid.NewGuid().ToString("N")[..12]);
        var dashboardPort = FreePort.Next();
        var console = new LogBuffer();
        List<string> arguments = [appHost.TargetPath, "--dynamic-ports", "--state-dir", state, "--dashboard-port", dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (fresh)
        {
            arguments.Add("--fresh");
        }

        var process = ManagedProcess.Start("dotnet", arguments,
            console, workingDirectory: Path.GetDirectoryName(appHost.ProjectPath), environment: environment, removeEnvironment: ["ConnectionStrings__", "OTEL_", "DOTNET_DASHBOARD_"]);
        var host = new AppHostProcess(process, state, stateDirectory is null, $"http://127.0.0.1:{dashboardPort}");
        console.Written += line => host.Console.Write(line.Text, line.IsError);
        return host;
    }

    public async Task<JsonArray> ResourcesAsync() =>
        JsonNode.Parse(await Http.GetStringAsync($"{DashboardUrl}/api/resources"))!.AsArray();

    /// <summary>One trace's spans (the waterfall) from the dashboard, once <paramref name="complete"/> says every process has exported its part.</summary>
    public async Task<List<JsonObject>> WaitForTraceAsync(string traceId, Func<List<JsonObject>, bool> complete, TimeSpan? timeout = null)
    {
        var spans = new List<JsonObject>();
        await TestWait.UntilAsync(async () =>
        {
            using var response = await Http.GetAsync($"{DashboardUrl}/api/telemetry/traces/{traceId}");
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return false;
            }

            spans = [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["spans"]!.AsArray().Select(span => span!.AsObject())];
            return complete(spans);
        }, timeout ?? TimeSpan.FromSeconds(60));
        return spans;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string last = "dashboard not up yet";
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with {await _process.Exited}:\n{ConsoleText()}");
            }

            try
            {
                var resources = await ResourcesAsync();
                last = string.Join(", ", resources.Select(r => $"{r!["name"]}={r["state"]}/{r["health"]}"));
                if (resources.Count > 0 && resources.All(r => r!["state"]!.GetValue<string>() == "Running" && r["health"]!.GetValue<string>() == "Healthy"))
                {
                    return;
                }

                if (resources.Any(r => r!["state"]!.GetValue<string>() == "FailedToStart"))
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // The dashboard starts a moment after the process.
            }

            // Short: the platform bench times the start with this.
            await Task.Delay(100);
        }

        throw new TimeoutException($"The AppHost was not healthy within {timeout.TotalSeconds} s: {last}\n{ConsoleText()}");
    }

    public async Task<string> EndpointAsync(string resource, string scheme)
    {
        var entry = (await ResourcesAsync()).Single(r => r!["name"]!.GetValue<string>() == resource)!;
        return entry["endpoints"]!.AsArray().Select(e => e!.GetValue<string>()).First(e => e.StartsWith(scheme, StringComparison.Ordinal));
    }

    /// <summary>The broker's AMQP URI, as a project receives it (the password is kept in the state directory).</summary>
    public async Task<string> MessagingConnectionStringAsync()
    {
        var endpoint = new Uri(await EndpointAsync("messaging", "amqp://"));
        var password = (await File.ReadAllTextAsync(Path.Combine(StateDirectory, "messaging", "password"))).Trim();
        return $"amqp://guest:{password}@{endpoint.Host}:{endpoint.Port}";
    }

    public async Task<string> LogsAsync(string resource)
    {
        var logs = JsonNode.Parse(await Http.GetStringAsync($"{DashboardUrl}/api/resources/{resource}/logs"))!;
        return string.Join('\n', logs["lines"]!.AsArray().Select(line => line!["text"]!.GetValue<string>()));
    }

    public string ConsoleText() => string.Join('\n', Console.Read(max: 200).Select(line => line.Text));

    /// <summary>SIGTERM, as Ctrl+C or a service manager would stop it; the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        Signals.Send(_process.Pid, Signals.SigTerm);
        return await _process.Exited.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                _process.Kill();
            }
        }

        await _process.DisposeAsync();
        if (!_ownsState)
        {
            return;
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
