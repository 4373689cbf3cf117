namespace TiersLieux.Contracts.Membership;

/// <summary>A member's name, email or places changed; the whole new state with its version (apply only a higher one).</summary>
/// <param name="Profile">The funder-reporting data, only while the member consents; null otherwise (withdrawn consent included).</param>
public sealed record MemberUpdated(Guid MemberId, string DisplayName, string Email, IReadOnlyList<Guid> PlaceIds, int Version, DateTimeOffset OccurredAt,
    ConsentedProfile? Profile = null);
