using System.Globalization;
using System.Net;

namespace TiersLieux.Hosting;

/// <summary>How the AppHost runs: where state lives, which ports, which telemetry collector.</summary>
public sealed class ApplicationOptions
{
    public const int DefaultDashboardPort = 18888;

    /// <summary>Data of the servers started here (PostgreSQL cluster, RabbitMQ node), kept across runs.</summary>
    public string StateDirectory { get; set; } = DefaultStateDirectory();

    /// <summary>Wipe <see cref="StateDirectory"/> before starting (<c>--fresh</c>).</summary>
    public bool Fresh { get; set; }

    /// <summary>Free ports everywhere instead of the fixed ones (<c>--dynamic-ports</c>): several AppHosts side by side, tests.</summary>
    public bool DynamicPorts { get; set; }

    /// <summary>The dashboard's port; 0 turns it off.</summary>
    public int DashboardPort { get; set; } = DefaultDashboardPort;

    /// <summary>The address the dashboard binds (<c>--dashboard-address</c>); beyond loopback it asks a browser token.</summary>
    public IPAddress DashboardAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The browser token (Aspire's <c>Dashboard:Frontend:BrowserToken</c>); generated per run when none is given.</summary>
    public string? DashboardBrowserToken { get; set; }

    /// <summary>No token even beyond loopback (Aspire's <c>ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS</c>).</summary>
    public bool DashboardAllowAnonymous { get; set; }

    public string EnvironmentName { get; set; } = "Development";

    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>The collector projects export to (Aspire's DOTNET_DASHBOARD_OTLP_ENDPOINT_URL); none: no exporter.</summary>
    public string? OtlpEndpoint { get; set; }

    public string OtlpProtocol { get; set; } = "grpc";

    public string? OtlpApiKey { get; set; }

    /// <summary>The dashboard's own OTLP receivers (Aspire's ports), used when no other collector is named.</summary>
    public int OtlpGrpcPort { get; set; } = 18889;

    public int OtlpHttpPort { get; set; } = 18890;

    /// <summary>How much telemetry the dashboard keeps (<c>DASHBOARD_TELEMETRY_MAX_SPANS|LOGS|METRIC_POINTS</c>).</summary>
    public Telemetry.TelemetryLimits TelemetryLimits { get; set; } = new();

    /// <summary>Existing servers to use instead of starting them (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
    public Dictionary<string, string> ExistingConnectionStrings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Print state changes and the resource table (off for AppHosts embedded in tests and benchmarks).</summary>
    public bool ReportToConsole { get; set; } = true;

    /// <summary>Echo every resource's console output to the AppHost's console (<c>--verbose</c>).</summary>
    public bool Verbose { get; set; }

    public static ApplicationOptions Parse(string[] args)
    {
        var options = new ApplicationOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--fresh": options.Fresh = true; break;
                case "--dynamic-ports": options.DynamicPorts = true; break;
                case "--verbose": options.Verbose = true; break;
                case "--state-dir": options.StateDirectory = Path.GetFullPath(Value()); break;
                case "--dashboard-port": options.DashboardPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--dashboard-address": options.DashboardAddress = IPAddress.Parse(Value()); break;
                case "--environment": options.EnvironmentName = Value(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --fresh --dynamic-ports --verbose --state-dir DIR --dashboard-port N --dashboard-address IP --environment NAME");
            }
        }

        options.DashboardBrowserToken = Environment.GetEnvironmentVariable("DASHBOARD__FRONTEND__BROWSERTOKEN") is { Length: > 0 } token ? token : null;
        options.DashboardAllowAnonymous = string.Equals(Environment.GetEnvironmentVariable("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"), "true", StringComparison.OrdinalIgnoreCase);
        options.OtlpEndpoint = Environment.GetEnvironmentVariable("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL");
        options.OtlpApiKey = Environment.GetEnvironmentVariable("DOTNET_DASHBOARD_OTLP_API_KEY");
        if (Environment.GetEnvironmentVariable("DOTNET_DASHBOARD_OTLP_PROTOCOL") is { Length: > 0 } protocol)
        {
            options.OtlpProtocol = protocol;
        }

        var defaults = new Telemetry.TelemetryLimits();
        options.TelemetryLimits = new Telemetry.TelemetryLimits(
            Limit("DASHBOARD_TELEMETRY_MAX_SPANS", defaults.MaxSpans), Limit("DASHBOARD_TELEMETRY_MAX_LOGS", defaults.MaxLogs),
            Limit("DASHBOARD_TELEMETRY_MAX_METRIC_POINTS", defaults.MaxMetricPoints));

        foreach (var entry in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            const string prefix = "ConnectionStrings__";
            if (entry.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Environment.GetEnvironmentVariable(entry) is { Length: > 0 } value)
            {
                options.ExistingConnectionStrings[entry[prefix.Length..]] = value;
            }
        }

        return options;
    }

    private static int Limit(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : fallback;

    /// <summary><c>.state/apphost</c> beside the solution file, found upwards from the current directory.</summary>
    private static string DefaultStateDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.GetFiles("*.sln").Length > 0 || directory.GetFiles("*.slnx").Length > 0)
            {
                return Path.Combine(directory.FullName, ".state", "apphost");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, ".state", "apphost");
    }
}
