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
