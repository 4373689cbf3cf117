namespace TiersLieux.Contracts.Membership;

/// <summary>A person joined the network as a member. Only what other services need.</summary>
/// <param name="Profile">The funder-reporting data, only when the member consented to give it; null otherwise.</param>
public sealed record MemberRegistered(Guid MemberId, string DisplayName, string Email, IReadOnlyList<Guid> PlaceIds, int Version, DateTimeOffset OccurredAt,
    ConsentedProfile? Profile = null);
