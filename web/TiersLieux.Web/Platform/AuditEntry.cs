namespace TiersLieux.Web.Platform;

/// <summary>One line of the network's audit trail, as membership answers it (names read now; none for an erased member).</summary>
public sealed record AuditEntry(Guid Id, DateTimeOffset OccurredAt, string Service, string Action, string ActorSubject, string ActorRole,
    string? ActorName, string ObjectType, string ObjectId, Guid? MemberId, string? MemberName, bool MemberErased, IReadOnlyList<Guid> PlaceIds,
    string Outcome);
