namespace TiersLieux.Contracts.Membership;

/// <summary>A member's name, email or places changed; the whole new state with its version (apply only a higher one).</summary>
public sealed record MemberUpdated(Guid MemberId, string DisplayName, string Email, IReadOnlyList<Guid> PlaceIds, int Version, DateTimeOffset OccurredAt);
