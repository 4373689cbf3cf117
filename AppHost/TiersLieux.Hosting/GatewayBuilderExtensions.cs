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
}
