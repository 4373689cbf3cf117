using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Messaging;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>/api/membership/subscriptions: a member's plans, from start to end; ended on time by the expiry job.</summary>
public static class SubscriptionsApi
{
    public const string GetSubscriptionRoute = "GetSubscription";

    /// <summary>Clocks differ a little between a frontend and the server: a start this far in the past is "now".</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/membership/subscriptions").WithTags("Subscriptions");
        subscriptions.MapGet("/{id:guid}", GetSubscription).WithName(GetSubscriptionRoute).WithSummary("Gets one subscription.");
        subscriptions.MapPost("/", Subscribe).WithName("Subscribe").WithSummary("Subscribes a member to a plan; publishes SubscriptionActivated.");
        subscriptions.MapPost("/{id:guid}/cancellation", Cancel).WithName("CancelSubscription").WithSummary("Ends a subscription now; publishes SubscriptionEnded.");
        subscriptions.MapPost("/{id:guid}/renewal", Renew).WithName("RenewSubscription").WithSummary("Adds one period of the plan; publishes SubscriptionActivated with the new end.");
        return subscriptions;
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(Guid id, MembershipDbContext db, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } subscription
            ? TypedResults.Ok(SubscriptionResponse.From(subscription))
            : Problems.NotFound("Subscription", id);

    public static async Task<Results<Ok<List<SubscriptionResponse>>, ProblemHttpResult>> ListMemberSubscriptions(Guid id, MembershipDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return Problems.NotFound("Member", id);
        }

        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == id).OrderByDescending(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.Select(SubscriptionResponse.From).ToList());
    }

    public static async Task<Results<CreatedAtRoute<SubscriptionResponse>, ProblemHttpResult>> Subscribe(
        SubscriptionRequest request, MembershipDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new Errors().Require("memberId", request.MemberId).Require("planId", request.PlanId);
        var startsAt = request.StartsAt ?? now;
        if (startsAt < now - StartTolerance)
        {
            errors.Add("startsAt", "A subscription cannot start in the past.");
        }

        if (startsAt > now.AddYears(1))
        {
            errors.Add("startsAt", "A subscription starts within a year.");
        }

        var member = request.MemberId is { } memberId ? await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken) : null;
        var plan = request.PlanId is { } planId ? await db.Plans.FirstOrDefaultAsync(p => p.Id == planId && p.IsActive, cancellationToken) : null;
        if (request.MemberId is not null && member is null)
        {
            errors.Add("memberId", $"No member has id {request.MemberId}.");
        }

        if (request.PlanId is not null && plan is null)
        {
            errors.Add("planId", $"No plan on sale has id {request.PlanId}.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (member!.Status != MemberStatus.Active)
        {
            return Problems.Conflict("Only an active member can subscribe.", $"Member {member.Id} is {member.Status.ToString().ToLowerInvariant()}.");
        }

        var subscription = Subscription.Start(member, plan!, startsAt < now ? now : startsAt, now);
        var overlapping = await db.Subscriptions.AnyAsync(s => s.MemberId == member.Id && s.PlanId == plan!.Id
            && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended)
            && s.StartsAt < subscription.EndsAt && subscription.StartsAt < s.EndsAt, cancellationToken);
        if (overlapping)
        {
            return Problems.Conflict("The member already holds this plan for that period.", "Renew the running subscription instead of buying the same plan twice.");
        }

        db.Subscriptions.Add(subscription);
        db.AddIntegrationEvent(MembershipEvents.Activated(subscription, plan!, await NetworkPassPlacesAsync(db, cancellationToken), now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(SubscriptionResponse.From(subscription), GetSubscriptionRoute, new { id = subscription.Id });
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Cancel(Guid id, MembershipDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return Problems.NotFound("Subscription", id);
        }

        var now = clock.GetUtcNow();
        if (!subscription.Cancel(now))
        {
            return Problems.Conflict("The subscription has ended already.", $"Subscription {id} is {subscription.Status.ToString().ToLowerInvariant()}.");
        }

        db.AddIntegrationEvent(MembershipEvents.Ended(subscription, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SubscriptionResponse.From(subscription));
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Renew(Guid id, MembershipDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return Problems.NotFound("Subscription", id);
        }

        var plan = await db.Plans.SingleAsync(p => p.Id == subscription.PlanId, cancellationToken);
        if (!subscription.Renew(plan))
        {
            return Problems.Conflict("Only a running subscription renews.", $"Subscription {id} is {subscription.Status.ToString().ToLowerInvariant()}: subscribe again instead.");
        }

        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(MembershipEvents.Activated(subscription, plan, await NetworkPassPlacesAsync(db, cancellationToken), now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SubscriptionResponse.From(subscription));
    }

    /// <summary>The places where a network pass is valid now.</summary>
    internal static async Task<IReadOnlyList<Guid>> NetworkPassPlacesAsync(MembershipDbContext db, CancellationToken cancellationToken) =>
        await db.Places.Where(p => p.AcceptsNetworkPass).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
}
