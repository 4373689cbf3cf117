using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TiersLieux.Hosting;
using TiersLieux.Hosting.LocalPostgres;
using TiersLieux.Hosting.Processes;

namespace Aspire.Hosting;

/// <summary>PostgreSQL as a local executable resource, in the shape of Aspire's <c>AddPostgres</c> / <c>AddDatabase</c>.</summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run from the machine's own binaries (Debian's <c>/usr/lib/postgresql/N/bin</c>) on
    /// 127.0.0.1:<paramref name="port"/>, its cluster kept in <paramref name="dataDirectory"/> and every WAL segment
    /// archived in its <c>wal-archive</c> (for point-in-time restores). A stop is a clean shutdown, and the server
    /// never outlives the AppHost (see Scripts/local-postgres.sh).
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        [ResourceName] string name, int port, string dataDirectory, IResourceBuilder<ParameterResource> password)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(password);
        var server = new LocalPostgresServerResource(name, dataDirectory, password.Resource);

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new DistributedApplicationException($"The '{name}' resource is ready but has no connection string.");
            // On the resource's console: the services wait for these databases, so their creation is part of the start.
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            foreach (var databaseName in server.Databases.Values)
            {
                await PostgresProbe.CreateDatabaseAsync(connectionString + ";Database=postgres", databaseName, cancellationToken);
                log.LogInformation("Database {Database} is there", databaseName);
            }
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new PostgresHealthCheck(server, "postgres"), failureStatus: null, tags: null));

        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, isProxied: false)
            // The server listens on 127.0.0.1 only; "localhost" may resolve to ::1 first.
            .WithEndpoint(LocalPostgresServerResource.PrimaryEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithArgs(LocalScripts.PostgreSql)
            .WithEnvironment("TIERSLIEUX_PG_BASE", dataDirectory)
            .WithEnvironment("TIERSLIEUX_PG_PORT", server.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
            .WithEnvironment("TIERSLIEUX_PG_PASSWORD", password)
            // Continuous archiving: with a base backup (eng/backup.sh), the server restores to any moment since.
            .WithEnvironment("TIERSLIEUX_PG_WAL_ARCHIVE", Path.Combine(dataDirectory, "wal-archive"))
            // A stop that comes once the AppHost is gone is DCP's clean-up, which allows ~6 s: fast shutdown at once.
            .WithEnvironment(LocalScripts.AppHostPidVariable, LocalScripts.AppHostPid)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>A database on the server, created when the server is ready ("already exists" is fine: data is kept).</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> builder,
        [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        databaseName ??= name;
        var database = new LocalPostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.AddDatabase(name, databaseName);

        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new PostgresHealthCheck(database, null), failureStatus: null, tags: null));
        return builder.ApplicationBuilder.AddResource(database).WithIconName("Database").WithHealthCheck(healthCheckKey).WithParentState();
    }
}
