namespace TiersLieux.Hosting.Processes;

public sealed record RabbitMqNodeOptions(string BaseDirectory, string NodeName, int AmqpPort)
{
    public const string UserName = "guest";

    /// <summary>The management plugin's HTTP port; 0 leaves the plugin off (it costs a second or two at start).</summary>
    public int ManagementPort { get; init; }

    /// <summary>This node's own epmd, so parallel nodes (test runs, a developer's AppHost) never share one.</summary>
    public int EpmdPort { get; init; } = FreePort.Next();

    public int DistributionPort { get; init; } = FreePort.Next();

    /// <summary>How long a stop waits for the AMQP clients to close their connections; unset, the wrapper's 3 s.</summary>
    public TimeSpan? ClientWait { get; init; }

    /// <summary>The AppHost's process, as the AppHost gives it to the wrapper: once it has gone, a stop waits for nobody.</summary>
    public int? AppHostPid { get; init; }
}
