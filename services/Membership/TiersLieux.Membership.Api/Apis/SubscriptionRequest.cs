namespace TiersLieux.Membership.Api.Apis;

public sealed record SubscriptionRequest(Guid? MemberId, Guid? PlanId, DateTimeOffset? StartsAt);
