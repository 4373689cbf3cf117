namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A RabbitMQ node run as a local process (an executable resource, where <c>AddRabbitMQ</c> would need a container
/// engine), with the management plugin. Its connection string is the one Aspire's <c>RabbitMQServerResource</c>
/// gives: <c>amqp://guest:…@host:port</c>.
/// </summary>
public sealed class LocalRabbitMQServerResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string ManagementEndpointName = "management";
    internal const string UserName = "guest";

    public LocalRabbitMQServerResource(string name, string dataDirectory, ParameterResource password)
        : base(name, "bash", dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(password);
        DataDirectory = dataDirectory;
        PasswordParameter = password;
        PrimaryEndpoint = new EndpointReference(this, PrimaryEndpointName);
        ManagementEndpoint = new EndpointReference(this, ManagementEndpointName);
    }

    /// <summary>The node's database (mnesia), logs and configuration; kept across runs.</summary>
    public string DataDirectory { get; }

    public ParameterResource PasswordParameter { get; }

    public EndpointReference PrimaryEndpoint { get; }

    public EndpointReference ManagementEndpoint { get; }

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
