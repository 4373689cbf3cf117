using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting;

/// <summary>
/// Where the AppHost keeps what must survive a restart (the servers' data, generated secrets): <c>State:Directory</c>,
/// by default <c>.state/apphost</c> beside the solution. <c>State:Fresh=true</c> (run.sh's <c>--fresh</c>) wipes it
/// before anything is declared.
/// </summary>
public static class PlatformState
{
    private const string DirectoryKey = "State:Directory";
    private const string FreshKey = "State:Fresh";
    private const string PreparedKey = "State:Prepared";

    /// <summary>The state directory (created, and wiped first when asked, on the first call).</summary>
    public static string StateDirectory(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = Path.GetFullPath(builder.Configuration[DirectoryKey] ?? Path.Combine(builder.AppHostDirectory, "..", "..", ".state", "apphost"));
        if (builder.Configuration[PreparedKey] is null && builder.ExecutionContext.IsRunMode)
        {
            if (string.Equals(builder.Configuration[FreshKey], "true", StringComparison.OrdinalIgnoreCase) && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            builder.Configuration[PreparedKey] = "true";
        }

        return directory;
    }

    /// <summary>
    /// A secret Aspire parameter generated on the first run and kept in the state directory (<c>parameters/&lt;name&gt;</c>),
    /// so that the data it protects keeps opening; a value given as <c>Parameters:&lt;name&gt;</c> wins.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddKeptSecret(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = $"Parameters:{name}";
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrEmpty(builder.Configuration[key]))
        {
            builder.Configuration[key] = Secrets.StablePassword(Path.Combine(builder.StateDirectory(), "parameters", name));
        }

        return builder.AddParameter(name, secret: true);
    }

    /// <summary>
    /// A free port for the AppHost's own use (a broker's epmd and distribution ports, smtp4dev's IMAP), never one of the
    /// configured <c>Ports:*</c>: whoever started this AppHost (a test) drew those as free, and the projects and servers
    /// bind them only later, so a draw here could take one of them first (a test's membership-api once found its port
    /// held by the broker's distribution listener).
    /// </summary>
    public static int UnusedPort(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        FreePort.Reserve(builder.Configuration.GetSection("Ports").GetChildren()
            .Select(setting => int.TryParse(setting.Value, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0)
            .Where(port => port > 0));
        return FreePort.Next();
    }

    /// <summary>A fixed port, unless <c>Ports:&lt;name&gt;</c> says another (tests and side-by-side AppHosts pick free ones).</summary>
    public static int Port(this IDistributedApplicationBuilder builder, string name, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return int.TryParse(builder.Configuration[$"Ports:{name}"], System.Globalization.CultureInfo.InvariantCulture, out var configured) ? configured : port;
    }
}
