namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run as a local process (an executable resource, where <c>AddPostgres</c> would need a
/// container engine). Its connection string is the one Aspire's <c>PostgresServerResource</c> gives:
/// <c>Host=…;Port=…;Username=postgres;Password=…</c>.
/// </summary>
public sealed class LocalPostgresServerResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string UserName = "postgres";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    public LocalPostgresServerResource(string name, string dataDirectory, ParameterResource password)
        : base(name, "bash", dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(password);
        DataDirectory = dataDirectory;
        PasswordParameter = password;
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
    }

    /// <summary>Where the cluster lives (<c>data/</c>) and its socket (<c>socket/</c>); kept across runs.</summary>
    public string DataDirectory { get; }

    public ParameterResource PasswordParameter { get; }

    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>Resource name → database name, created when the server is ready.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(string name, string databaseName) => _databases.TryAdd(name, databaseName);
}
