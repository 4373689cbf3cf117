using Microsoft.EntityFrameworkCore;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// "Retrying strategy + transaction + save (outbox rows included) + commit", written once. Npgsql's retrying
/// strategy replays the whole unit on a transient failure, so each attempt starts with an empty change tracker.
/// </summary>
public static class ResilientTransaction
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and returns what it returned. Its changes are saved and
    /// committed unless <paramref name="commitIf"/> says otherwise (a refusal decided inside), in which case, as
    /// when the work throws, everything rolls back.
    /// </summary>
    public static Task<TResult> InTransactionAsync<TResult>(this DbContext db, Func<CancellationToken, Task<TResult>> work,
        CancellationToken cancellationToken, Func<TResult, bool>? commitIf = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            if (commitIf?.Invoke(result) ?? true)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>An entity's table as SQL names it, schema included and quoted, from the EF model: never typed by hand.</summary>
    public static string TableName<TEntity>(this DbContext db) where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {typeof(TEntity).Name}.");
        var schema = entity.GetSchema();
        return schema is null ? $"\"{entity.GetTableName()}\"" : $"\"{schema}\".\"{entity.GetTableName()}\"";
    }
}
