namespace TiersLieux.Contracts.Membership;

/// <summary>A subscription stopped covering its member.</summary>
/// <param name="Reason">expired or cancelled.</param>
public sealed record SubscriptionEnded(Guid SubscriptionId, Guid MemberId, string Reason, DateTimeOffset OccurredAt);
