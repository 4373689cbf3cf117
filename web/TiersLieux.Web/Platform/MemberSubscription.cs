namespace TiersLieux.Web.Platform;

/// <summary>A member's subscription (membership).</summary>
public sealed record MemberSubscription(Guid Id, Guid PlanId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, int Renewals, DateTimeOffset? EndedAt);
