namespace TiersLieux.Contracts.Membership;

/// <summary>A suspended member may book and train again.</summary>
public sealed record MemberReinstated(Guid MemberId, DateTimeOffset OccurredAt);
