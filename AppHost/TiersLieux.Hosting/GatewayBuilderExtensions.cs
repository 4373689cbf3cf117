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
    /// The project's http endpoint on a port of its own, not behind DCP's proxy: its launch profile's port unless
    /// <c>Ports:&lt;name&gt;</c> says another (tests pick free ones). For the gateway, whose address is the tokens' issuer
    /// and every Location's, so the address clients use must be the one it listens on; for every single-instance
    /// service, since DCP's proxy is one more hop on every call for nothing to balance (bench/README.md).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOwnHttpPort(this IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            // DCP's proxy and the launch profiles are run mode's; a deployment gives each project its own address.
            return project;
        }

        var name = project.Resource.Name;
        return project.WithEndpoint("http", endpoint =>
        {
            var port = project.ApplicationBuilder.Port(name, endpoint.Port
                ?? throw new InvalidOperationException($"{name} has no http port in its launch profile: give it one, or Ports:{name}."));
            (endpoint.IsProxied, endpoint.Port, endpoint.TargetPort) = (false, port, port);
        });
    }
}
