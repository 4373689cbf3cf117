using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record SubscriptionResponse(Guid Id, Guid MemberId, Guid PlanId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SubscriptionStatus Status, int Renewals, DateTimeOffset? EndedAt)
{
    public static SubscriptionResponse From(Subscription subscription) => new(subscription.Id, subscription.MemberId, subscription.PlanId,
        subscription.StartsAt, subscription.EndsAt, subscription.Status, subscription.Renewals, subscription.EndedAt);
}
