namespace TiersLieux.Contracts.Membership;

/// <summary>
/// A member exercised their right to erasure (GDPR art. 17): every service erases or anonymises what it holds
/// about them, keeping only what aggregate indicators need without identifying anyone.
/// </summary>
public sealed record MemberErased(Guid MemberId, DateTimeOffset OccurredAt);
