namespace TiersLieux.Contracts.Membership;

/// <summary>A person joined the network as a member. Only what other services need: no funder-reporting data.</summary>
public sealed record MemberRegistered(Guid MemberId, string DisplayName, string Email, IReadOnlyList<Guid> PlaceIds, int Version, DateTimeOffset OccurredAt);
