using System.Globalization;
using RabbitMQ.Client;

namespace TiersLieux.Hosting.Processes;

public sealed record RabbitMqNodeOptions(string BaseDirectory, string NodeName, int AmqpPort)
{
    public const string UserName = "guest";

    /// <summary>The management plugin's HTTP port; 0 leaves the plugin off (it costs a second or two at start).</summary>
    public int ManagementPort { get; init; }

    /// <summary>This node's own epmd, so parallel nodes (test runs, a developer's AppHost) never share one.</summary>
    public int EpmdPort { get; init; } = FreePort.Next();

    public int DistributionPort { get; init; } = FreePort.Next();
}

/// <summary>
/// A RabbitMQ node as a local process, run the way Debian's <c>/usr/lib/rabbitmq/bin/rabbitmq-server</c> runs
/// under root, configured only through RABBITMQ_* variables and files in <c>BaseDirectory</c>, bound to 127.0.0.1.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly RabbitMqNodeOptions _options;
    private readonly LogBuffer _log;
    private ManagedProcess? _process;

    private RabbitMqNode(RabbitMqNodeOptions options, string password, LogBuffer log)
    {
        _options = options;
        Password = password;
        _log = log;
    }

    public string Password { get; }

    public int AmqpPort => _options.AmqpPort;

    public int? Pid => _process?.Pid;

    public Task<int>? Exited => _process?.Exited;

    public string ConnectionString => $"amqp://{RabbitMqNodeOptions.UserName}:{Password}@127.0.0.1:{_options.AmqpPort}";

    public string? ManagementUrl => _options.ManagementPort > 0 ? $"http://127.0.0.1:{_options.ManagementPort}" : null;

    public static async Task<RabbitMqNode> StartAsync(RabbitMqNodeOptions options, LogBuffer log, CancellationToken cancellationToken)
    {
        var password = Secrets.StablePassword(Path.Combine(options.BaseDirectory, "password"));
        var node = new RabbitMqNode(options, password, log);
        await node.StopLeftoverAsync();
        node.Launch();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            // Never leave a half-started node (or its epmd) behind.
            await node.StopAsync(graceful: false);
            throw;
        }

        return node;
    }

    private string PidFile => Path.Combine(_options.BaseDirectory, "rabbitmq.pid");

    private void Launch()
    {
        var home = Path.Combine(_options.BaseDirectory, "home");
        var mnesia = Path.Combine(_options.BaseDirectory, "mnesia");
        var logs = Path.Combine(_options.BaseDirectory, "log");
        foreach (var directory in new[] { home, mnesia, logs })
        {
            Directory.CreateDirectory(directory);
        }

        var config = Path.Combine(_options.BaseDirectory, "rabbitmq.conf");
        var lines = new List<string>
        {
            $"listeners.tcp.1 = 127.0.0.1:{_options.AmqpPort}",
            // Applies when the node first creates its database; the password then stays (kept in BaseDirectory).
            $"default_user = {RabbitMqNodeOptions.UserName}",
            $"default_pass = {Password}",
            "loopback_users = none",
        };
        if (_options.ManagementPort > 0)
        {
            lines.Add($"management.tcp.port = {_options.ManagementPort}");
            lines.Add("management.tcp.ip = 127.0.0.1");
        }

        File.WriteAllLines(config, lines);
        var plugins = Path.Combine(_options.BaseDirectory, "enabled_plugins");
        File.WriteAllText(plugins, _options.ManagementPort > 0 ? "[rabbitmq_management].\n" : "[].\n");
        var envFile = Path.Combine(_options.BaseDirectory, "rabbitmq-env.conf");
        File.WriteAllText(envFile, "");

        _process = ManagedProcess.Start(ServerScript, [], _log, environment: Environment(home, mnesia, logs, config, plugins, envFile));
    }

    private Dictionary<string, string?> Environment(string home, string mnesia, string logs, string config, string plugins, string envFile) => new()
    {
        ["RABBITMQ_NODENAME"] = _options.NodeName,
        ["RABBITMQ_MNESIA_BASE"] = mnesia,
        ["RABBITMQ_LOG_BASE"] = logs,
        ["RABBITMQ_LOGS"] = "-",
        ["RABBITMQ_CONFIG_FILE"] = config,
        ["RABBITMQ_CONF_ENV_FILE"] = envFile,
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_DIST_PORT"] = _options.DistributionPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["HOME"] = home,
        ["ERL_EPMD_PORT"] = _options.EpmdPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
    };

    private Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _process!.WaitUntilReadyAsync($"RabbitMQ on port {_options.AmqpPort}", token => RabbitMqProbe.IsHealthyAsync(ConnectionString, token),
            timeout, TimeSpan.FromMilliseconds(250), cancellationToken);

    /// <summary>A node left by an AppHost that was killed would hold the data directory: kill it first.</summary>
    private async Task StopLeftoverAsync()
    {
        if (File.Exists(PidFile) && int.TryParse(await File.ReadAllTextAsync(PidFile), out var pid) && Signals.IsAlive(pid)
            && File.Exists($"/proc/{pid}/cmdline") && (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Contains(_options.BaseDirectory, StringComparison.Ordinal))
        {
            _log.Write($"stopping a node left from an earlier run (pid {pid})");
            Signals.Send(pid, Signals.SigKill);
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// SIGTERM makes the server script stop the node cleanly (queues and messages are flushed); then this node's
    /// epmd is stopped too, so nothing is left running.
    /// </summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_process is not null && !_process.HasExited)
        {
            if (graceful)
            {
                await _process.StopAsync(TimeSpan.FromSeconds(30));
            }
            else
            {
                KillBeam();
                _process.Kill();
                await Task.WhenAny(_process.Exited, Task.Delay(TimeSpan.FromSeconds(5)));
            }
        }

        KillBeam();
        await StopEpmdAsync();
    }

    private void KillBeam()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) && Signals.IsAlive(pid))
        {
            Signals.Send(pid, Signals.SigKill);
        }
    }

    private async Task StopEpmdAsync()
    {
        var environment = new Dictionary<string, string?> { ["ERL_EPMD_PORT"] = _options.EpmdPort.ToString(CultureInfo.InvariantCulture) };
        for (var attempt = 0; attempt < 20 && FreePort.IsListening(_options.EpmdPort); attempt++)
        {
            // epmd refuses to die while it still lists a living node; the node unregisters a moment after exit.
            await using var epmd = ManagedProcess.Start("epmd", ["-kill"], _log, environment: environment);
            await epmd.Exited;
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

/// <summary>Readiness of any RabbitMQ broker, started here or given: an AMQP connection opens.</summary>
public static class RabbitMqProbe
{
    public static async Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(3), AutomaticRecoveryEnabled = false };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen;
        }
        catch (Exception error) when (error is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }
}
