using System.Globalization;

namespace TiersLieux.Hosting.Processes;

/// <summary>
/// A RabbitMQ node as a local process for the test fixtures and benches, run by the same wrapper as the AppHost's
/// broker: Debian's rabbitmq-server configured only through files in <c>BaseDirectory</c>, bound to 127.0.0.1.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
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

    /// <summary>
    /// Through the AppHost's own wrapper (<see cref="LocalScripts.RabbitMQ"/>): epmd in the foreground on this node's
    /// port, the VM and epmd tied to the wrapper by parent-death signals, so that nothing outlives a test host
    /// that dies or is killed.
    /// </summary>
    private void Launch()
    {
        Directory.CreateDirectory(_options.BaseDirectory);
        _process = ManagedProcess.Start("bash", [LocalScripts.RabbitMQ], _log, environment: new Dictionary<string, string?>
        {
            ["TIERSLIEUX_RABBITMQ_BASE"] = _options.BaseDirectory,
            ["TIERSLIEUX_RABBITMQ_PORT"] = _options.AmqpPort.ToString(CultureInfo.InvariantCulture),
            ["TIERSLIEUX_RABBITMQ_MANAGEMENT_PORT"] = _options.ManagementPort.ToString(CultureInfo.InvariantCulture),
            // Applies when the node first creates its database; the password then stays (kept in BaseDirectory).
            ["TIERSLIEUX_RABBITMQ_PASSWORD"] = Password,
            ["TIERSLIEUX_RABBITMQ_NODENAME"] = _options.NodeName,
            ["TIERSLIEUX_RABBITMQ_EPMD_PORT"] = _options.EpmdPort.ToString(CultureInfo.InvariantCulture),
            ["TIERSLIEUX_RABBITMQ_DIST_PORT"] = _options.DistributionPort.ToString(CultureInfo.InvariantCulture),
            ["TIERSLIEUX_RABBITMQ_CLIENT_SECONDS"] = _options.ClientWait is { } wait ? ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null,
            [LocalScripts.AppHostPidVariable] = _options.AppHostPid?.ToString(CultureInfo.InvariantCulture),
        });
    }

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
    /// SIGTERM makes the wrapper stop the node cleanly (queues and messages are flushed), then its epmd; not graceful,
    /// the VM is killed first and the wrapper after it, and epmd follows the wrapper (its parent-death signal).
    /// </summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        if (graceful)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(30));
            return;
        }

        KillBeam();
        _process.Kill();
        await Task.WhenAny(_process.Exited, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private void KillBeam()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) && Signals.IsAlive(pid))
        {
            Signals.Send(pid, Signals.SigKill);
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
