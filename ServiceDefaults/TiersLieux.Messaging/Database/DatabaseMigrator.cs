using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// Applies the service's committed migrations before the service starts serving, on the owner's connection, then
/// gives the service's own login its rights (<see cref="ServiceDatabaseRole"/>): every request after that runs as a
/// login that can change rows but not the schema, nor an append-only table. It runs in StartAsync, which the host
/// awaits before Kestrel listens, so no request ever meets an old schema or a missing grant. Replicas starting
/// together are serialised by a session advisory lock held around the whole of it: EF Core's own lock needs its
/// history table, which two replicas meeting a fresh database would both create (seen: "relation already exists").
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(
    IServiceProvider services, IConfiguration configuration, string connectionName, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ownerConnectionString = DatabaseExtensions.RequiredConnectionString(configuration, connectionName);
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(ownerConnectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 5))
            .Options;
        await using var db = ActivatorUtilities.CreateInstance<TContext>(services, options);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(typeof(TContext).Name);
            }
            else
            {
                LogApplying(typeof(TContext).Name, pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }

            var role = ServiceDatabaseRole.For(ownerConnectionString);
#pragma warning disable EF1002 // Identifiers quoted by ServiceDatabaseRole; PostgreSQL takes no parameters in DDL.
            await db.Database.ExecuteSqlRawAsync(role.GrantSql(db.Model), cancellationToken);
#pragma warning restore EF1002
            LogGranted(typeof(TContext).Name, role.Name);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Any constant of ours: the lock is per database, and each service has its own.</summary>
    private const long MigrationLockKey = 7_478_210_001;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: schema is up to date")]
    private partial void LogUpToDate(string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: applying {Count} migration(s): {Migrations}")]
    private partial void LogApplying(string context, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: requests run as {Role} (rows only; append-only tables insert and read)")]
    private partial void LogGranted(string context, string role);
}
