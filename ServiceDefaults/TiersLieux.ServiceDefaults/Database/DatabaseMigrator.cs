using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.ServiceDefaults.Database;

/// <summary>
/// Applies the service's committed migrations before the service starts serving. It runs in StartAsync, which
/// the host awaits before Kestrel listens, so no request ever meets an old schema. Replicas starting together are
/// serialised by EF Core's migration lock.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            LogUpToDate(typeof(TContext).Name);
            return;
        }

        LogApplying(typeof(TContext).Name, pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: schema is up to date")]
    private partial void LogUpToDate(string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: applying {Count} migration(s): {Migrations}")]
    private partial void LogApplying(string context, int count, string migrations);
}
