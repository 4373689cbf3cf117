using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// Applies the service's committed migrations before the service starts serving. It runs in StartAsync, which
/// the host awaits before Kestrel listens, so no request ever meets an old schema. Replicas starting together are
/// serialised by a session advisory lock held around the whole migration: EF Core's own lock needs its history table,
/// which two replicas meeting a fresh database would both create (seen: "relation already exists").
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(typeof(TContext).Name);
                return;
            }

            LogApplying(typeof(TContext).Name, pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
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
}
