using System.Runtime.InteropServices;
using TiersLieux.Hosting.Dashboard;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting;

/// <summary>The running application: resources, dashboard and console report; stops cleanly on Ctrl+C or SIGTERM.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;
    private readonly DashboardServer? _dashboard;
    private readonly ConsoleReporter _reporter;
    private int _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        Options = builder.Options;
        Resources = builder.Resources;
        var runnables = builder.Resources.SelectMany(resource => resource.Runnables).ToList();
        _orchestrator = new Orchestrator(runnables);
        if (Options.DashboardPort > 0 && Options.OtlpEndpoint is null)
        {
            // No other collector named: projects export to the dashboard itself, as under Aspire.
            if (Options.DynamicPorts)
            {
                Options.OtlpGrpcPort = Processes.FreePort.Next();
                Options.OtlpHttpPort = Processes.FreePort.Next();
            }

            Options.OtlpEndpoint = Options.OtlpProtocol == "http/protobuf" ? $"http://127.0.0.1:{Options.OtlpHttpPort}" : $"http://127.0.0.1:{Options.OtlpGrpcPort}";
            Options.OtlpApiKey ??= Processes.Secrets.NewSecret();
            Receiving = new Telemetry.OtlpSettings(Options.OtlpGrpcPort, Options.OtlpHttpPort, Options.OtlpApiKey);
        }

        Telemetry = new Telemetry.TelemetryStore(Options.TelemetryLimits);
        if (Options.DashboardPort > 0)
        {
            var token = BrowserToken.IsNeeded(Options.DashboardAddress) && !Options.DashboardAllowAnonymous
                ? Options.DashboardBrowserToken ?? Processes.Secrets.NewSecret()
                : null;
            var brokers = builder.Resources.OfType<RabbitMQServerResource>()
                .Where(broker => broker.ManagementUrl is not null)
                .Select(broker => new BrokerManagement(broker.Name, broker.ManagementUrl!, broker.ConnectionProperties["USERNAME"], broker.ConnectionProperties["PASSWORD"]))
                .ToList();
            _dashboard = new DashboardServer(runnables, new DashboardSettings(Options.DashboardPort, Options.DashboardAddress, token), Telemetry, Receiving, brokers);
        }
        // Demo credentials help in Development; anywhere else a secret is never printed.
        var shownSecrets = Options.IsDevelopment ? builder.Resources.OfType<ParameterResource>().ToList() : [];
        _reporter = new ConsoleReporter(runnables, Options.Verbose, shownSecrets);
    }

    public ApplicationOptions Options { get; }

    /// <summary>Telemetry the dashboard received from the projects.</summary>
    public Telemetry.TelemetryStore Telemetry { get; }

    /// <summary>The dashboard's OTLP receivers, when the projects export to it.</summary>
    public Telemetry.OtlpSettings? Receiving { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyList<RunnableResource> Runnables => _orchestrator.Runnables;

    public string? DashboardUrl => _dashboard?.Url;

    /// <summary>The link that signs a browser in when the dashboard is bound beyond loopback (printed on the console).</summary>
    public string? DashboardLoginUrl => _dashboard?.LoginUrl;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(ApplicationOptions.Parse(args));

    public static DistributedApplicationBuilder CreateBuilder(ApplicationOptions options) => new(options);

    public T Get<T>(string name) where T : Resource =>
        Resources.OfType<T>().Single(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task StartAsync()
    {
        Directory.CreateDirectory(Options.StateDirectory);
        if (_dashboard is not null)
        {
            await _dashboard.StartAsync();
        }

        if (Options.ReportToConsole)
        {
            _reporter.Start(_dashboard?.Url, _dashboard?.LoginUrl);
        }
        _orchestrator.Start();
    }

    /// <summary>Completes when every resource is Running and healthy; throws if one fails to start or time runs out.</summary>
    public async Task WaitForAllHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!Runnables.All(r => r.State == ResourceState.Running && r.Health == HealthStatus.Healthy))
        {
            if (Runnables.FirstOrDefault(r => r.State == ResourceState.FailedToStart) is { } failed)
            {
                throw new InvalidOperationException($"{failed.Name} failed to start: {string.Join(Environment.NewLine, failed.Log.Read(max: 30).Select(l => l.Text))}");
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var waiting = Runnables.Where(r => r.State != ResourceState.Running || r.Health != HealthStatus.Healthy).Select(r => $"{r.Name}={r.State}/{r.Health}");
                throw new TimeoutException($"Not healthy within {timeout.TotalSeconds} s: {string.Join(", ", waiting)}");
            }
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _orchestrator.StopAsync();
        _reporter.Stop();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }

    /// <summary>Runs in the foreground until Ctrl+C or SIGTERM, like <c>dotnet run --project AppHost</c>.</summary>
    public async Task RunAsync()
    {
        using var shutdown = new CancellationTokenSource();
        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, RequestStop);

        try
        {
            await StartAsync();
        }
        catch (InvalidOperationException error)
        {
            await Console.Error.WriteLineAsync($"The AppHost cannot start: {error.Message}");
            Environment.ExitCode = 1;
            await StopAsync();
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping...");
        }

        await StopAsync();
        Console.WriteLine("Stopped.");
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync() => await StopAsync();
}
