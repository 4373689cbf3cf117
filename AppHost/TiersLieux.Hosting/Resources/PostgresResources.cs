using Npgsql;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Resources;

/// <summary>A PostgreSQL server: a local process started here, or an existing server given as ConnectionStrings:&lt;name&gt;.</summary>
public sealed class PostgresServerResource(string name, string baseDirectory, int port, string? existingConnectionString)
    : RunnableResource(name), IResourceWithConnectionString
{
    private PostgresServer? _server;
    private readonly Lazy<string> _password = new(() => Secrets.StablePassword(Path.Combine(baseDirectory, "password")));

    public override string Type => "PostgreSQL";

    public bool IsExisting => existingConnectionString is not null;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public string ConnectionString => existingConnectionString
        ?? new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = PostgresServerOptions.UserName, Password = _password.Value }.ConnectionString;

    public IReadOnlyDictionary<string, string> ConnectionProperties => PostgresDatabaseResource.Split(ConnectionString);

    public override int? Pid => _server?.Pid;

    public override IReadOnlyList<string> Endpoints =>
        [IsExisting && new NpgsqlConnectionStringBuilder(existingConnectionString) is var given ? $"tcp://{given.Host}:{given.Port}" : $"tcp://127.0.0.1:{port}"];

    protected internal override Task<int>? Exited => _server?.Exited;

    protected internal override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        if (IsExisting)
        {
            Log.Write("[apphost] using the existing server given by ConnectionStrings:" + Name);
            return;
        }

        _ = _password.Value;
        _server = await PostgresServer.StartAsync(new PostgresServerOptions(baseDirectory, port), Log, cancellationToken);
    }

    protected internal override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => PostgresProbe.IsHealthyAsync(ConnectionString, cancellationToken);

    protected internal override async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }
}

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when the server is ready (AddDatabase).</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : RunnableResource(name), IResourceWithConnectionString
{
    public override string Type => "PostgreSQL database";

    public PostgresServerResource Server { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = DatabaseName }.ConnectionString;

    public IReadOnlyDictionary<string, string> ConnectionProperties => Split(ConnectionString);

    public override int? Pid => null;

    public override IReadOnlyList<string> Endpoints => [];

    public override IEnumerable<Resource> ImplicitDependencies => [Server];

    protected internal override Task LaunchAsync(CancellationToken cancellationToken) => PostgresProbe.CreateDatabaseAsync(Server.ConnectionString, DatabaseName, cancellationToken);

    protected internal override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => PostgresProbe.IsHealthyAsync(ConnectionString, cancellationToken);

    protected internal override Task StopAsync() => Task.CompletedTask;

    internal static IReadOnlyDictionary<string, string> Split(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var properties = new Dictionary<string, string>
        {
            ["HOST"] = builder.Host ?? "",
            ["PORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["USERNAME"] = builder.Username ?? "",
            ["PASSWORD"] = builder.Password ?? "",
        };
        var database = string.IsNullOrEmpty(builder.Database) ? "" : "/" + Uri.EscapeDataString(builder.Database);
        properties["URI"] = $"postgresql://{Uri.EscapeDataString(builder.Username ?? "")}:{Uri.EscapeDataString(builder.Password ?? "")}@{builder.Host}:{builder.Port}{database}";
        if (!string.IsNullOrEmpty(builder.Database))
        {
            properties["DATABASENAME"] = builder.Database;
        }

        return properties;
    }
}
