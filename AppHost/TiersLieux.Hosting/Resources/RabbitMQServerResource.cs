using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Resources;

/// <summary>A RabbitMQ broker: a local node started here, or an existing broker given as ConnectionStrings:&lt;name&gt;.</summary>
public sealed class RabbitMQServerResource(string name, string baseDirectory, int amqpPort, int managementPort, string? existingConnectionString)
    : RunnableResource(name), IResourceWithConnectionString
{
    private RabbitMqNode? _node;
    private readonly Lazy<string> _password = new(() => Secrets.StablePassword(Path.Combine(baseDirectory, "password")));

    public override string Type => "RabbitMQ";

    public bool IsExisting => existingConnectionString is not null;

    public string ConnectionString => existingConnectionString ?? $"amqp://{RabbitMqNodeOptions.UserName}:{_password.Value}@127.0.0.1:{amqpPort}";

    public IReadOnlyDictionary<string, string> ConnectionProperties
    {
        get
        {
            var uri = new Uri(ConnectionString);
            var user = uri.UserInfo.Split(':', 2);
            return new Dictionary<string, string>
            {
                ["HOST"] = uri.Host,
                ["PORT"] = (uri.IsDefaultPort ? 5672 : uri.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["USERNAME"] = Uri.UnescapeDataString(user[0]),
                ["PASSWORD"] = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "",
                ["URI"] = ConnectionString,
            };
        }
    }

    /// <summary>The management UI and API (queue depths, _error counts), when this node was started here.</summary>
    public string? ManagementUrl => IsExisting || managementPort == 0 ? null : $"http://127.0.0.1:{managementPort}";

    public override int? Pid => _node?.Pid;

    public override IReadOnlyList<string> Endpoints =>
        ManagementUrl is { } management ? [$"amqp://127.0.0.1:{amqpPort}", management] : [IsExisting ? $"amqp://{new Uri(ConnectionString).Authority.Split('@')[^1]}" : $"amqp://127.0.0.1:{amqpPort}"];

    protected internal override Task<int>? Exited => _node?.Exited;

    protected internal override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        if (IsExisting)
        {
            Log.Write("[apphost] using the existing broker given by ConnectionStrings:" + Name);
            return;
        }

        _ = _password.Value;
        var options = new RabbitMqNodeOptions(baseDirectory, $"{Name}@localhost", amqpPort) { ManagementPort = managementPort };
        _node = await RabbitMqNode.StartAsync(options, Log, cancellationToken);
    }

    protected internal override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => RabbitMqProbe.IsHealthyAsync(ConnectionString, cancellationToken);

    protected internal override async Task StopAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
        }
    }
}
