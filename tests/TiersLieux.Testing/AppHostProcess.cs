using System.Globalization;
using System.Text.RegularExpressions;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>
/// The real AppHost started as ./run.sh starts it (its build output, the launch profile's variables), in a session
/// of its own so that a test can stop it as a terminal, a supervisor or the kernel would. Its own state directory,
/// free ports for the dashboard and the servers, random ports for the projects, so that it can run beside a
/// developer's AppHost and other test assemblies. Used by the shutdown tests and the platform bench.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private const string Ready = "TiersLieux is running and healthy.";
    private readonly bool _ownsState;

    private AppHostProcess(ManagedProcess process, string stateDirectory, bool ownsState, string dashboardUrl)
    {
        Process = process;
        _ownsState = ownsState;
        StateDirectory = stateDirectory;
        DashboardUrl = dashboardUrl;
    }

    public LogBuffer Console { get; } = new();

    public string StateDirectory { get; }

    public string DashboardUrl { get; }

    public ManagedProcess Process { get; }

    /// <summary>The gateway's address, from the welcome the AppHost prints once everything is healthy.</summary>
    public string GatewayUrl { get; private set; } = "";

    /// <summary>
    /// Starts the AppHost; <paramref name="configuration"/> is Aspire configuration (keys as <c>Section:Key</c>). Without
    /// <paramref name="stateDirectory"/> it gets a fresh one of its own, deleted at the end; a given one is kept, and
    /// <paramref name="fresh"/> false starts on the data already there (a warm start). <paramref name="cpus"/> (a
    /// <c>taskset</c> list such as <c>0</c>) keeps the AppHost and everything it starts on those cores: the bench gives
    /// its load generator the others. <paramref name="environment"/> adds to (or overrides) the environment it inherits.
    /// </summary>
    public static AppHostProcess Start(IReadOnlyDictionary<string, string>? configuration = null, string? stateDirectory = null, bool fresh = true, string? cpus = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var state = stateDirectory ?? Path.Combine(Path.GetTempPath(), "tierslieux-e2e", Guid.NewGuid().ToString("N")[..12]);
        var (arguments, variables, dashboard) = CommandLine(state, fresh, configuration);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var appHost = ProjectOutputs.Assembly(ProjectOutputs.AppHost);
        var console = new LogBuffer();
        // setsid: a session and process group of its own, as a terminal's foreground job or a service unit has.
        // env: SIGINT and SIGQUIT at their defaults, as ./run.sh sets them; a test runner started as a script's
        // background job passes them down ignored, and the AppHost would then never hear a supervisor's SIGINT.
        // taskset, when asked, execs env, which execs setsid, which execs dotnet: still one process, and its
        // children inherit the cores.
        string[] launch = ["env", "--default-signal=INT,QUIT", "setsid", "dotnet"];
        IReadOnlyList<string> command = cpus is null ? [.. launch, .. arguments] : ["taskset", "-c", cpus, .. launch, .. arguments];
        var process = ManagedProcess.Start(command[0], [.. command.Skip(1)], console, workingDirectory: Path.GetDirectoryName(appHost),
            environment: variables, removeEnvironment: ["ConnectionStrings__", "OTEL_", "DOTNET_DASHBOARD_", "ASPIRE_", "services__", "DEBUG_SESSION_"]);
        var host = new AppHostProcess(process, state, stateDirectory is null, dashboard);
        console.Written += line => host.Console.Write(line.Text, line.IsError);
        return host;
    }

    /// <summary>
    /// The AppHost's command line (<c>dotnet</c>'s arguments) and environment as ./run.sh gives them, with the dashboard,
    /// OTLP, resource service and servers on free ports and the projects on random ones; the dashboard's address.
    /// </summary>
    public static (IReadOnlyList<string> Arguments, Dictionary<string, string?> Environment, string DashboardUrl) CommandLine(
        string stateDirectory, bool fresh = true, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var dashboard = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = dashboard,
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = Url(),
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = Url(),
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = Url(),
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        };
        var settings = PlatformPorts.Free();
        settings["State:Directory"] = stateDirectory;
        settings["State:Fresh"] = fresh ? "true" : "false";
        // Booking's proxied port (5305) would meet a developer's AppHost: a random one, as Aspire's tests do.
        settings["DcpPublisher:RandomizePorts"] = "true";
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return ([ProjectOutputs.Assembly(ProjectOutputs.AppHost), .. settings.Select(pair => $"--{pair.Key}={pair.Value}")], environment, dashboard);

        static string Url() => $"http://127.0.0.1:{FreePort.Next()}";
    }

    /// <summary>Waits for the welcome the AppHost prints once the gateway, and so everything behind it, is healthy.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with {await Process.Exited}:\n{ConsoleText()}");
            }

            if (Welcome(ConsoleText(max: 2000)) is { } gateway)
            {
                GatewayUrl = gateway;
                return;
            }

            // Short: the platform bench times the start with this.
            await Task.Delay(100);
        }

        // Its last full report first: where a test's failure is shown, only the first lines of the message may be.
        var report = Console.Read(max: 2000).LastOrDefault(line => line.Text.Contains("Still starting after", StringComparison.Ordinal))?.Text.Trim();
        throw new TimeoutException($"The AppHost was not healthy within {timeout.TotalSeconds} s. {report}\n{ConsoleText()}");
    }

    public string ConsoleText(int max = 300) => string.Join('\n', Console.Read(max: max).Select(line => line.Text));

    /// <summary>SIGTERM to the AppHost, as a service manager stops it; the exit code.</summary>
    public Task<int> StopAsync(TimeSpan timeout) => SignalAsync(Signals.SigTerm, timeout, wholeGroup: false);

    /// <summary>A signal to the AppHost or to its whole process group (as a supervisor or CI job sends SIGINT); the exit code.</summary>
    public async Task<int> SignalAsync(int signal, TimeSpan timeout, bool wholeGroup)
    {
        Signals.Send(wholeGroup ? -Process.Pid : Process.Pid, signal);
        try
        {
            return await Process.Exited.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // What the AppHost was doing (or that it logged nothing at all: the signal never reached it) is the
            // diagnosis; the process list alone does not say it.
            throw new TimeoutException($"The AppHost had not exited {timeout.TotalSeconds} s after signal {signal}; its console ends:\n{ConsoleText(max: 60)}");
        }
    }

    /// <summary>The gateway's address once the AppHost's welcome (printed when everything is healthy) is in <paramref name="console"/>.</summary>
    public static string? Welcome(string console) =>
        console.Contains(Ready, StringComparison.Ordinal) && GatewayLine().Match(console ?? "") is { Success: true } gateway ? gateway.Groups[1].Value : null;

    [GeneratedRegex(@"Gateway:\s+(http://\S+)")]
    private static partial Regex GatewayLine();

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                Process.Kill();
            }
        }

        await Process.DisposeAsync();
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
