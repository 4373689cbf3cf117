using System.Globalization;

namespace TiersLieux.Hosting;

/// <summary>The wrapper scripts that run the local servers, copied beside this assembly (see Scripts/).</summary>
public static class LocalScripts
{
    /// <summary>
    /// Tells a wrapper which process orders its stop: while it runs, a stop waits for the server's clients (the
    /// services stop first); once it has gone, a stop is DCP's clean-up and the server stops at once.
    /// </summary>
    public const string AppHostPidVariable = "TIERSLIEUX_APPHOST_PID";

    public static string PostgreSql => Find("local-postgres.sh");

    public static string RabbitMQ => Find("local-rabbitmq.sh");

    public static string AppHostPid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static string Find(string name) =>
        Path.Combine(Path.GetDirectoryName(typeof(LocalScripts).Assembly.Location)!, "Scripts", name);
}
