namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// smtp4dev run as a local process: a real SMTP server that keeps what it receives and shows it in a web UI, for
/// development and demos. Its connection string, <c>Endpoint=smtp://host:port</c>, is the shape of the community
/// MailKit integration's, and what the notifications service reads as <c>ConnectionStrings:smtp</c>.
/// </summary>
public sealed class LocalSmtp4devResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string SmtpEndpointName = "smtp";
    internal const string WebEndpointName = "http";

    public LocalSmtp4devResource(string name, string executable, string dataDirectory)
        : base(name, executable, dataDirectory)
    {
        DataDirectory = dataDirectory;
        SmtpEndpoint = new EndpointReference(this, SmtpEndpointName);
        WebEndpoint = new EndpointReference(this, WebEndpointName);
    }

    /// <summary>Its settings; the messages themselves are kept in memory.</summary>
    public string DataDirectory { get; }

    public EndpointReference SmtpEndpoint { get; }

    public EndpointReference WebEndpoint { get; }

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=smtp://{SmtpEndpoint.Property(EndpointProperty.Host)}:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}
