using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Audit;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Membership.Api.IntegrationEvents;

/// <summary>
/// Keeps the other services' sensitive actions in the network's audit trail. Once per action: the inbox stops a
/// redelivered message, and the action's id is the entry's key, so a re-published one finds its entry.
/// </summary>
public sealed class SensitiveActionTakenConsumer(MembershipDbContext db, ILogger<SensitiveActionTakenConsumer> logger)
    : IdempotentConsumer<SensitiveActionTaken, MembershipDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SensitiveActionTaken> context, CancellationToken cancellationToken)
    {
        var action = context.Message;
        if (action.ActionId == Guid.Empty || string.IsNullOrWhiteSpace(action.Action) || string.IsNullOrWhiteSpace(action.ActorSubject)
            || action.Service.Length > 20 || action.Action.Length > 60 || action.ActorSubject.Length > 100 || action.ActorRole.Length > 20
            || action.ObjectType.Length > 40 || action.ObjectId.Length > 100 || action.Outcome.Length > 200)
        {
            // Kept whole in the _error queue for someone to read: a trail that silently cut a field would lie.
            throw new InvalidMessageException($"SensitiveActionTaken {action.ActionId} does not fit the audit trail (an empty or over-long field).");
        }

        if (!await Db.AuditTrail.AnyAsync(e => e.Id == action.ActionId, cancellationToken))
        {
            Db.AuditTrail.Add(AuditEntry.From(action));
        }
    }
}
