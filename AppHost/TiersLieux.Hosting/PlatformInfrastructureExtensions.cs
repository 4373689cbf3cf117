using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TiersLieux.Hosting;

/// <summary>
/// The platform's servers, one declaration for both modes: in run mode local executables (this machine has no
/// container engine), in publish mode Aspire's standard containers, so the manifest describes a deployable system.
/// </summary>
public static class PlatformInfrastructureExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddPostgres(name).WithDataVolume();
        }

        builder.StopServicesFirst();
        var password = builder.AddKeptSecret($"{name}-password");
        return builder.AddLocalPostgres(name, builder.Port(name, port), Path.Combine(builder.StateDirectory(), name), password);
    }

    /// <summary>A database of a server from <see cref="AddPostgresServer"/>, created when the server is ready.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(this IResourceBuilder<IResourceWithConnectionString> server, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server switch
        {
            IResourceBuilder<LocalPostgresServerResource> local => LocalPostgresBuilderExtensions.AddDatabase(local, name),
            IResourceBuilder<PostgresServerResource> container => PostgresBuilderExtensions.AddDatabase(container, name),
            _ => throw new ArgumentException($"{server.Resource.Name} is not a PostgreSQL server.", nameof(server)),
        };
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddMessageBroker(this IDistributedApplicationBuilder builder, [ResourceName] string name, int port, int managementPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddRabbitMQ(name).WithManagementPlugin().WithDataVolume();
        }

        builder.StopServicesFirst();
        var password = builder.AddKeptSecret($"{name}-password");
        return builder.AddLocalRabbitMQ(name, builder.Port(name, port), builder.Port($"{name}-management", managementPort),
            Path.Combine(builder.StateDirectory(), name), password);
    }

    /// <summary>
    /// The mail server. Run mode: smtp4dev, which keeps every message for reading in its web UI. Published: a
    /// connection string given at deployment (<c>ConnectionStrings__&lt;name&gt;</c>, e.g. <c>Endpoint=smtps://relay:465</c>):
    /// production sends through the network's SMTP relay, whose credentials the service reads from its configuration.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMailServer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int smtpPort, int webPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name);
        }

        builder.StopServicesFirst();
        return builder.AddLocalSmtp4dev(name, builder.Port(name, smtpPort), builder.Port($"{name}-web", webPort), Path.Combine(builder.StateDirectory(), name));
    }

    /// <summary>On stop, the projects first, then the servers (see <see cref="ServicesFirstShutdown"/>); registered once.</summary>
    private static void StopServicesFirst(this IDistributedApplicationBuilder builder) =>
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ServicesFirstShutdown>());
}
