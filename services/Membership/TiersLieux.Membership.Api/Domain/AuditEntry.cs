using TiersLieux.Contracts.Audit;
using TiersLieux.Security;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// One line of the network's audit trail: who (the token's subject and role) did what to which object, when, with
/// what outcome, and which places and member it concerns. Written once, never changed: the service's own database
/// login may insert and read these rows, not update or delete them. It holds ids, not names, so an erased member's
/// entries keep the fact without the person (their name is read from the member at display time, and erasure
/// anonymises it there).
/// </summary>
public sealed class AuditEntry
{
    public const string Membership = "membership";

    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The service that did it (membership, directory, equipment, booking).</summary>
    public string Service { get; private set; } = "";

    /// <summary>What was done, as <see cref="SensitiveActionTaken.Action"/> documents.</summary>
    public string Action { get; private set; } = "";

    public string ActorSubject { get; private set; } = "";

    public string ActorRole { get; private set; } = "";

    public string ObjectType { get; private set; } = "";

    public string ObjectId { get; private set; } = "";

    public Guid? MemberId { get; private set; }

    public List<Guid> PlaceIds { get; private set; } = [];

    public string Outcome { get; private set; } = "";

    /// <summary>Something done here, in membership, to a member (or their account or subscription).</summary>
    public static AuditEntry ByCaller(Caller caller, string action, string objectType, Guid objectId, Member member, string outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(member);
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(now), OccurredAt = now, Service = Membership, Action = action,
            ActorSubject = caller.Actor, ActorRole = caller.Role, ObjectType = objectType,
            ObjectId = objectId.ToString(), MemberId = member.Id, PlaceIds = [.. member.PlaceIds], Outcome = outcome,
        };
    }

    /// <summary>Something done here to the network as a whole, concerning no member and no place: the network team reads it.</summary>
    public static AuditEntry OnNetwork(Caller caller, string action, string objectType, string objectId, string outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(now), OccurredAt = now, Service = Membership, Action = action,
            ActorSubject = caller.Actor, ActorRole = caller.Role, ObjectType = objectType, ObjectId = objectId, Outcome = outcome,
        };
    }

    /// <summary>Something another service did and announced.</summary>
    public static AuditEntry From(SensitiveActionTaken action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new AuditEntry
        {
            Id = action.ActionId, OccurredAt = action.OccurredAt, Service = action.Service, Action = action.Action,
            ActorSubject = action.ActorSubject, ActorRole = action.ActorRole, ObjectType = action.ObjectType,
            ObjectId = action.ObjectId, MemberId = action.MemberId, PlaceIds = [.. action.PlaceIds], Outcome = action.Outcome,
        };
    }
}
