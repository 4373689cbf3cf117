namespace TiersLieux.Membership.Api.Apis;

/// <param name="MemberName">Null when the member was erased (or is not one of ours): the fact stays, the person goes.</param>
/// <param name="ActorName">The actor's name when a person did it and is still a member; null for a back-end or an erased member.</param>
public sealed record AuditEntryResponse(Guid Id, DateTimeOffset OccurredAt, string Service, string Action, string ActorSubject, string ActorRole,
    string? ActorName, string ObjectType, string ObjectId, Guid? MemberId, string? MemberName, bool MemberErased, IReadOnlyList<Guid> PlaceIds,
    string Outcome);
