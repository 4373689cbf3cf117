using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Messaging;

/// <summary>
/// The base of every consumer: applies a message at most once. The inbox row (message id, consumer) is claimed
/// first, in the same transaction as the effect and any events the consumer records in the outbox; a duplicate
/// finds the row (or waits on it, when it is being applied concurrently elsewhere) and does nothing.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    protected ILogger Logger { get; } = logger;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidMessageException($"A {typeof(TMessage).Name} arrived without a message id: it cannot be applied exactly once.");
        var consumer = GetType().FullName!;
        var claim = InboxClaimSql(Db);

        var applied = await Db.InTransactionAsync(async cancellationToken =>
        {
            var claimed = await Db.Database.ExecuteSqlRawAsync(claim, [messageId, consumer, DateTimeOffset.UtcNow], cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            await HandleAsync(context, cancellationToken);
            return true;
        }, context.CancellationToken, commitIf: claimed => claimed);

        if (!applied)
        {
            MessagingMetrics.DuplicatesIgnored.Add(1, new KeyValuePair<string, object?>("consumer", GetType().Name));
            Logger.LogInformation("{Consumer} already applied message {MessageId}; ignored", GetType().Name, messageId);
        }
    }

    /// <summary>Applies the message: change entities of <see cref="Db"/> (saved by the caller), record events.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken);

    private static string InboxClaimSql(DbContext db)
    {
        var table = db.TableName<InboxMessage>();
        // ON CONFLICT DO NOTHING: a concurrent duplicate blocks on the key until the first commits, then sees it.
        return $"INSERT INTO {table} (\"MessageId\", \"Consumer\", \"ProcessedAt\") VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT DO NOTHING";
    }
}
