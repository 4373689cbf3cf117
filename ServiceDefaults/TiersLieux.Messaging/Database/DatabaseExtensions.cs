using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace TiersLieux.Messaging.Database;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the PostgreSQL database named <paramref name="connectionName"/>
    /// (<c>ConnectionStrings:&lt;connectionName&gt;</c>, the owner's login; requests run as the service's own, see
    /// <see cref="ServiceDatabaseRole"/>), with retry on transient failures and a hosted migrator that
    /// applies the committed migrations at start-up, enriched by Aspire's client integration
    /// (Aspire.Npgsql.EntityFrameworkCore.PostgreSQL: the readiness health check, Npgsql's traces and metrics).
    /// </summary>
    /// <remarks>
    /// Registered here and enriched, rather than with <c>AddNpgsqlDbContext</c>: that reads the connection string when
    /// it is called, and test hosts supply theirs later; the outbox's interceptor also comes from the container.
    /// </remarks>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxSaveChangesInterceptor>();

        // Read lazily: test hosts and the AppHost supply the connection string after this line runs.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            // Requests run as the service's own login, not the owner's (ServiceDatabaseRole; the migrator grants it).
            var connectionString = WithBoundedPool(WithAutoPrepare(ServiceDatabaseRole.RuntimeConnectionString(
                RequiredConnectionString(services.GetRequiredService<IConfiguration>(), connectionName))));
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 5))
                .AddInterceptors(services.GetRequiredService<OutboxSaveChangesInterceptor>());
        });

        // Our retrying strategy is kept (Aspire keeps any NpgsqlRetryingExecutionStrategy it finds). Its health check
        // would take a connection from the requests' bounded pool: ours has a pool of its own, under the same name.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(typeof(TContext).Name,
            services => new DatabaseHealthCheck(DatabaseHealthCheck.ProbeConnectionString(ServiceDatabaseRole.RuntimeConnectionString(
                RequiredConnectionString(services.GetRequiredService<IConfiguration>(), connectionName)))),
            failureStatus: null, tags: null));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("Microsoft.EntityFrameworkCore"));
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<DatabaseMigrator<TContext>>(services, connectionName));
        // A lost race the handler did not catch is a 409, not a 500 (after ServiceDefaults' bad-request handler).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler, ConflictExceptionHandler>());
        return builder;
    }

    /// <summary>
    /// A service sends the same few statements again and again (a booking's reads, the outbox's claim): Npgsql prepares
    /// those used twice, once per pooled connection, and PostgreSQL then skips parsing and planning them (the booking
    /// bench: PostgreSQL's CPU per answer halved). A connection string that says how to prepare keeps its own setting.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 50, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>How many connections one service instance opens at most, unless its connection string says.</summary>
    public const int DefaultMaxPoolSize = 8;

    /// <summary>
    /// A service instance runs at most <see cref="DefaultMaxPoolSize"/> statements in PostgreSQL at once; its other
    /// requests wait for a connection in the pool, in order. Npgsql's default (100) lets a burst put every request in
    /// PostgreSQL together, where they contend for the same rows' and open spaces' locks on the server's few cores: the
    /// booking bench (32 members racing for 5 resources) answered faster with a p99 of about 100 ms with 4 or 8
    /// connections against 240–280 ms with 100 (bench/README.md). It also keeps the replicas of every service under
    /// the server's max_connections. A connection string that sets its own maximum keeps it.
    /// </summary>
    public static string WithBoundedPool(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Maximum Pool Size") || given.ContainsKey("MaxPoolSize"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>The connection string, or a start-up failure that says which key to set.</summary>
    public static string RequiredConnectionString(IConfiguration configuration, string connectionName)
    {
        var value = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing. Set ConnectionStrings__{connectionName} " +
                "(the AppHost does this), or ConnectionStrings:" + connectionName + " in configuration.");
        }

        return value;
    }
}
