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

    /// <summary>On stop, the projects first, then the servers (see <see cref="ServicesFirstShutdown"/>); registered once.</summary>
    private static void StopServicesFirst(this IDistributedApplicationBuilder builder) =>
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ServicesFirstShutdown>());
}
