using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TiersLieux.Hosting;

public static class GatewayBuilderExtensions
{
    /// <summary>
    /// A project the gateway forwards to: ASP.NET Core honours the gateway's X-Forwarded-* headers, so the links it
    /// writes (Location, the token server's endpoints) carry the public address, not the service's loopback one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> BehindTheGateway(this IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
    }

    /// <summary>
    /// The project's http endpoint on <paramref name="port"/> itself, not behind DCP's proxy: for the gateway, whose
    /// address is the tokens' issuer and every Location's, so the address clients use must be the one it listens on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOwnHttpPort(this IResourceBuilder<ProjectResource> project, int port)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.WithEndpoint("http", endpoint => (endpoint.IsProxied, endpoint.Port, endpoint.TargetPort) = (false, port, port));
    }
}
