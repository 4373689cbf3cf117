using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersLieux.Hosting;
using TiersLieux.Hosting.LocalSmtp;
using TiersLieux.Hosting.Processes;

namespace Aspire.Hosting;

/// <summary>smtp4dev as a local executable resource (the dotnet tool of the repository's manifest).</summary>
public static class LocalSmtp4devBuilderExtensions
{
    /// <summary>
    /// Adds smtp4dev on 127.0.0.1:<paramref name="smtpPort"/> with its web UI (every message sent, its HTML and text
    /// parts) on <paramref name="webPort"/>, its URL on the resource. Settings under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IResourceBuilder<LocalSmtp4devResource> AddLocalSmtp4dev(this IDistributedApplicationBuilder builder,
        [ResourceName] string name, int smtpPort, int webPort, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var executable = builder.ExecutionContext.IsRunMode ? Smtp4dev.Executable : "smtp4dev";
        var server = new LocalSmtp4devResource(name, executable, dataDirectory);
        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new Smtp4devHealthCheck(server), failureStatus: null, tags: null));
        return builder.AddResource(server)
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, scheme: "smtp", name: LocalSmtp4devResource.SmtpEndpointName, isProxied: false)
            .WithHttpEndpoint(port: webPort, targetPort: webPort, name: LocalSmtp4devResource.WebEndpointName, isProxied: false)
            .WithEndpoint(LocalSmtp4devResource.SmtpEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithEndpoint(LocalSmtp4devResource.WebEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithUrlForEndpoint(LocalSmtp4devResource.WebEndpointName, url => url.DisplayText = "Mails (smtp4dev)")
            .WithUrlForEndpoint(LocalSmtp4devResource.SmtpEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithArgs(Smtp4dev.Arguments(dataDirectory, smtpPort, builder.UnusedPort(), webPort).ToArray<object>())
            .WithEnvironment("XDG_CONFIG_HOME", dataDirectory)
            .WithIconName("MailInbox")
            .WithHealthCheck(healthCheckKey);
    }
}
