using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using TiersLieux.Hosting.Processes;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The real AppHost (its Program.cs) run by Aspire.Hosting.Testing: its own state directory, free ports for the
/// servers and, when asked, the Aspire dashboard with its telemetry API. What the tests read of it: resources and
/// their snapshots as Aspire publishes them, the dashboard's traces, the AppHost's own log.
/// </summary>
public sealed class PlatformAppHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ResourceEvent> _resources = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _apiKey = Secrets.NewSecret();

    /// <summary>
    /// One AppHost starting at a time in this assembly: the collections' platforms (ten processes each) starting
    /// together on two cores all timed out; one after the other each is healthy in a minute or two, then they run
    /// side by side. The start's timeout counts from the moment it may begin.
    /// </summary>
    private static readonly SemaphoreSlim Starting = new(1, 1);

    private PlatformAppHost(string stateDirectory) => StateDirectory = stateDirectory;

    public DistributedApplication App { get; private set; } = null!;

    public string StateDirectory { get; }

    public LogBuffer Log { get; } = new();

    /// <summary>The web port of the platform's smtp4dev: what the platform mailed, through <see cref="Mailbox"/>.</summary>
    public int MailWebPort { get; private set; }

    /// <summary>The dashboard's address, when it runs (<c>dashboard: true</c>).</summary>
    public string DashboardUrl { get; private set; } = "";

    /// <summary>The dashboard's browser token, from the login link in the AppHost's welcome.</summary>
    public string BrowserToken => System.Text.RegularExpressions.Regex.Match(LogText(), @"login\?t=(\w+)").Groups[1].Value;

    /// <summary>
    /// Starts the AppHost. <paramref name="projectEnvironment"/> reaches every project resource (configuration
    /// overrides of the services), as an operator's environment would.
    /// </summary>
    public static async Task<PlatformAppHost> StartAsync(IReadOnlyDictionary<string, string?> projectEnvironment, bool dashboard, TimeSpan timeout)
    {
        var host = new PlatformAppHost(Path.Combine(Path.GetTempPath(), "tierslieux-e2e", Guid.NewGuid().ToString("N")[..12]));
        await Starting.WaitAsync();
        try
        {
            await host.StartCoreAsync(projectEnvironment, dashboard, timeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        finally
        {
            Starting.Release();
        }

        return host;
    }

    private async Task StartCoreAsync(IReadOnlyDictionary<string, string?> projectEnvironment, bool dashboard, TimeSpan timeout)
    {
        static string Free() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
        MailWebPort = FreePort.Next();
        var ports = PlatformPorts.Free();
        ports["Ports:smtp-web"] = MailWebPort.ToString(CultureInfo.InvariantCulture);
        List<string> args = [$"--State:Directory={StateDirectory}", "--State:Fresh=true", .. ports.Select(port => $"--{port.Key}={port.Value}")];
        if (dashboard)
        {
            args.AddRange([
                $"--ASPNETCORE_URLS=http://127.0.0.1:{Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{Free()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{Free()}",
                $"--AppHost:DashboardApiKey={_apiKey}",
            ]);
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TiersLieux_AppHost>([.. args], (options, _) =>
        {
            options.DisableDashboard = !dashboard;
            options.AllowUnsecuredTransport = true;
        }, _stopping.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                foreach (var (key, value) in projectEnvironment)
                {
                    context.EnvironmentVariables[key] = value ?? "";
                }
            }));
        }

        // The tests count answers exactly (429s, 409s, one POST each): no retries behind their back.
#pragma warning disable EXTEXP0001 // Experimental, and exactly what is meant: Aspire's testing builder adds a retrying handler.
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllResilienceHandlers());
#pragma warning restore EXTEXP0001
        builder.Services.AddLogging(logging => logging.AddProvider(new LogBufferProvider(Log))
            .AddProvider(new ResourceLogFiles(Path.Combine(AppContext.BaseDirectory, "TestResults", "resources", Path.GetFileName(StateDirectory))))
            .AddFilter<ResourceLogFiles>(level => level >= LogLevel.Trace));

        App = await builder.BuildAsync(_stopping.Token);
        _ = WatchAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await App.StartAsync(deadline.Token);
            var healthy = App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, deadline.Token);
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            var serverEnded = ServerEndedAsync(stopWatching.Token);
            if (await Task.WhenAny(healthy, serverEnded) == serverEnded && serverEnded.IsCompletedSuccessfully)
            {
                // Everything else would wait on it for the whole timeout: fail now, with what the server said last.
                var ended = serverEnded.Result;
                throw new InvalidOperationException($"{ended.ResourceId} ended ({ended.Snapshot.State?.Text}, exit code {ended.Snapshot.ExitCode}) before the platform " +
                    $"was healthy: {Describe()}\n{await LastLinesAsync(ended.ResourceId, 40)}");
            }

            await stopWatching.CancelAsync();
            await healthy;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Which resource was late, and what it last said: the fixture's failure is all a CI page may show.
            var failures = Log.Read(max: 2000).Select(line => line.Text)
                .Where(text => text.Contains("fail", StringComparison.OrdinalIgnoreCase) || text.Contains("Exception", StringComparison.Ordinal))
                .TakeLast(20);
            throw new TimeoutException($"The platform was not healthy within {timeout}: {Describe()}\n{string.Join('\n', failures)}");
        }

        if (dashboard)
        {
            // Aspire's testing builder gives the dashboard a random port of its own.
            DashboardUrl = App.GetEndpoint("aspire-dashboard", "http").ToString().TrimEnd('/');
        }

        // What ./run.sh shows a newcomer once everything is healthy.
        await TestWait.UntilAsync(() => LogText().Contains("TiersLieux is running and healthy.", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    /// <summary>The first of the servers (PostgreSQL, RabbitMQ, the mail server) to reach a terminal state.</summary>
    private async Task<ResourceEvent> ServerEndedAsync(CancellationToken cancellationToken)
    {
        string[] servers = [ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Smtp];
        await foreach (var change in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (servers.Contains(change.Resource.Name) && change.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state))
            {
                return change;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>A resource's last console lines, as the dashboard would show them.</summary>
    private async Task<string> LastLinesAsync(string resourceId, int count)
    {
        var lines = new Queue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resourceId).WithCancellation(timeout.Token))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > count)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return string.Join('\n', lines);
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(_stopping.Token))
            {
                _resources[change.ResourceId] = change;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// A client of the gateway on the testing builder's handlers (Aspire's <c>CreateHttpClient</c>, no resilience
    /// handler), whose refused connections say what state the platform's resources are in.
    /// </summary>
    public HttpClient CreateGatewayClient() =>
        new(new PlatformStateOnRefusal(this, App.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler()), disposeHandler: false)
        {
            BaseAddress = App.GetEndpoint(ResourceNames.Gateway, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string");

    public Task<string> MessagingConnectionStringAsync() => ConnectionStringAsync(ResourceNames.Messaging);

    /// <summary>Every replica (or single instance) of a resource as Aspire last published it.</summary>
    public IReadOnlyList<ResourceEvent> Instances(string resource) =>
        [.. _resources.Values.Where(change => change.Resource.Name == resource).OrderBy(change => change.ResourceId, StringComparer.Ordinal)];

    /// <summary>Every resource id Aspire has published, with its state and health (for failure messages).</summary>
    public string Describe() => string.Join(", ", _resources.Values.OrderBy(change => change.ResourceId, StringComparer.Ordinal)
        .Select(change => $"{change.ResourceId}({change.Resource.Name})={change.Snapshot.State?.Text}/{change.Snapshot.HealthStatus}"));

    public static bool IsRunningAndHealthy(ResourceEvent change) =>
        change.Snapshot.State?.Text == KnownResourceStates.Running && change.Snapshot.HealthStatus == HealthStatus.Healthy;

    public static int? Pid(ResourceEvent change) =>
        change.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resourceId, string command) =>
        App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resourceId, command, _stopping.Token);

    /// <summary>One trace's spans from the dashboard's telemetry API, once <paramref name="complete"/> says every process has exported its part.</summary>
    public async Task<List<JsonObject>> WaitForTraceAsync(string traceId, Func<List<JsonObject>, bool> complete, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(DashboardUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-api-key", _apiKey);
        var spans = new List<JsonObject>();
        var status = "no answer yet";
        try
        {
            await WaitAsync();
        }
        catch (TimeoutException timedOut)
        {
            // What was there says which process did not export its part.
            var seen = string.Join(", ", spans.Select(span => $"{span["resource"]}/{span["kind"]}/{span["name"]}"));
            throw new TimeoutException($"Trace {traceId} incomplete ({status}); {spans.Count} spans: {seen}", timedOut);
        }

        return spans;

        Task WaitAsync() => TestWait.UntilAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync($"/api/telemetry/traces/{traceId}");
                status = $"{(int)response.StatusCode}";
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                spans = OtlpSpans.Flatten(await response.Content.ReadFromJsonAsync<JsonObject>());
                return complete(spans);
            }
            catch (TaskCanceledException)
            {
                // The dashboard was slow to answer on a busy machine: ask again until the wait's own timeout.
                return false;
            }
        }, timeout ?? TimeSpan.FromSeconds(60));
    }

    public string LogText() => string.Join('\n', Log.Read(max: 500).Select(line => line.Text));

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        await _stopping.CancelAsync();
        _stopping.Dispose();
        try
        {
            await ProcessScan.WaitUntilNoneMentionAsync(StateDirectory, TimeSpan.FromSeconds(60));
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or TimeoutException)
        {
            // A server still finishing its shutdown; the temp folder is cleared eventually.
        }
    }
}
