namespace TiersLieux.Contracts.Membership;

/// <summary>
/// The network changed what a member may do beyond their own data: the places they operate, whether they are of the
/// network team. Notifications tells a place's operators what concerns their place (maintenance due, an unsafe
/// incident). Highest <paramref name="Version"/> wins; an erased member has no role (<see cref="MemberErased"/>).
/// </summary>
/// <param name="Roles">member, place-operator, network-admin.</param>
public sealed record MemberRolesChanged(Guid MemberId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> OperatedPlaceIds, int Version, DateTimeOffset OccurredAt);
