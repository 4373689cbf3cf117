using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TiersLieux.Messaging;

/// <summary>
/// Notices SaveChanges calls that add outbox rows and signals the dispatcher once they are committed: right after
/// SaveChanges when it commits by itself, or when the surrounding transaction commits (consumers, explicit transactions).
/// </summary>
public sealed class OutboxSaveChangesInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _wroteOutbox = new();
    private readonly ConditionalWeakTable<DbContext, object> _awaitingCommit = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<OutboxMessage>().Any(entry => entry.State == EntityState.Added))
        {
            _wroteOutbox.AddOrUpdate(context, Marker);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _wroteOutbox.Remove(context))
        {
            if (context.Database.CurrentTransaction is null)
            {
                signal.Notify();
            }
            else
            {
                _awaitingCommit.AddOrUpdate(context, Marker);
            }
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _awaitingCommit.Remove(context))
        {
            signal.Notify();
        }

        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _awaitingCommit.Remove(context);
        }

        return Task.CompletedTask;
    }
}
