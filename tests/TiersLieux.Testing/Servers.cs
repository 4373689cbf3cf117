using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>
/// Throwaway servers for tests and benchmarks on free ports. Test assemblies start servers in parallel, each
/// picking ports the kernel says are free; two may pick the same one in the same instant, so a start that fails
/// is tried again with new options (new ports).
/// </summary>
public static class Servers
{
    private const int Attempts = 3;

    public static PostgresServerOptions PostgresOptions(string baseDirectory) => new(baseDirectory, FreePort.Next()) { Durable = false };

    public static RabbitMqNodeOptions RabbitMqOptions(string baseDirectory, string nodeName, bool management = true) =>
        new(baseDirectory, nodeName, FreePort.Next()) { ManagementPort = management ? FreePort.Next() : 0 };

    public static async Task<PostgresServer> StartPostgresAsync(string baseDirectory, LogBuffer log, CancellationToken cancellationToken) =>
        (await StartAsync(() => PostgresOptions(baseDirectory), options => PostgresServer.StartAsync(options, log, cancellationToken), log)).Server;

    public static async Task<RabbitMqNode> StartRabbitMqAsync(string baseDirectory, string nodeName, LogBuffer log, CancellationToken cancellationToken) =>
        (await StartAsync(() => RabbitMqOptions(baseDirectory, nodeName), options => RabbitMqNode.StartAsync(options, log, cancellationToken), log)).Server;

    /// <summary>Starts a server, with new options on each attempt; the server and the options that worked (to restart it alike).</summary>
    public static async Task<(TServer Server, TOptions Options)> StartAsync<TOptions, TServer>(Func<TOptions> newOptions, Func<TOptions, Task<TServer>> start, LogBuffer log)
    {
        ArgumentNullException.ThrowIfNull(newOptions);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(log);
        for (var attempt = 1; ; attempt++)
        {
            var options = newOptions();
            try
            {
                return (await start(options), options);
            }
            catch (InvalidOperationException error) when (attempt < Attempts)
            {
                log.Write($"[tests] start failed (attempt {attempt} of {Attempts}), trying again on other ports: {error.Message}", isError: true);
            }
        }
    }
}
