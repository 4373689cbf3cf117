using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/subscriptions: a member's plans, from start to end; ended on time by the expiry job. A member
/// buys and manages their own; an operator those of their places' plans (and network passes of their places'
/// members); the network team all. One the caller may not manage is a 404.
/// </summary>
public static class SubscriptionsApi
{
    public const string GetSubscriptionRoute = "GetSubscription";

    /// <summary>Clocks differ a little between a frontend and the server: a start this far in the past is "now".</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/membership/subscriptions").WithTags("Subscriptions").RequireAuthorization(PlatformPolicies.SignedIn);
        subscriptions.MapGet("/{id:guid}", GetSubscription).WithName(GetSubscriptionRoute).WithSummary("Gets one subscription.");
        subscriptions.MapPost("/", Subscribe).WithName("Subscribe").WithSummary("Subscribes a member to a plan; publishes SubscriptionActivated.");
        subscriptions.MapPost("/{id:guid}/cancellation", Cancel).WithName("CancelSubscription").WithSummary("Ends a subscription now; publishes SubscriptionEnded.");
        subscriptions.MapPost("/{id:guid}/renewal", Renew).WithName("RenewSubscription").WithSummary("Adds one period of the plan; publishes SubscriptionActivated with the new end.");
        return subscriptions;
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(Guid id, MembershipDbContext db, Caller caller, CancellationToken cancellationToken) =>
        await FindManagedAsync(db, caller, id, tracked: false, cancellationToken) is { } subscription
            ? TypedResults.Ok(SubscriptionResponse.From(subscription))
            : Problems.NotFound("Subscription", id);

    public static async Task<Results<Ok<List<SubscriptionResponse>>, ProblemHttpResult>> ListMemberSubscriptions(Guid id, MembershipDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        if (await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken) is null)
        {
            return Problems.NotFound("Member", id);
        }

        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.MemberId == id).OrderByDescending(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.Select(SubscriptionResponse.From).ToList());
    }

    public static async Task<Results<CreatedAtRoute<SubscriptionResponse>, ProblemHttpResult>> Subscribe(
        SubscriptionRequest request, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (caller is { IsNetworkAdmin: false, IsPlaceOperator: false } && request.MemberId is { } forWhom && !caller.Is(forWhom))
        {
            return Problems.Forbidden("A member subscribes for themselves only.");
        }

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

        var member = request.MemberId is { } memberId ? await db.Members.Include(m => m.Places).FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken) : null;
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

        if (!MayManage(caller, member!, plan!))
        {
            return Problems.Forbidden("An operator sells the plans of the places they act for (and network passes to their places' members) only.");
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

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Cancel(Guid id, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await FindManagedAsync(db, caller, id, tracked: true, cancellationToken);
        if (subscription is null)
        {
            return Problems.NotFound("Subscription", id);
        }

        var now = clock.GetUtcNow();
        if (!subscription.Cancel(now))
        {
            return Problems.Conflict("The subscription has ended already.", $"Subscription {id} is {subscription.Status.ToString().ToLowerInvariant()}.");
        }

        if (!caller.Is(subscription.MemberId) && await MembersApi.FindAsync(db, subscription.MemberId, cancellationToken) is { } member)
        {
            db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.SubscriptionCancelledByOperator, "subscription", subscription.Id, member,
                caller.IsNetworkAdmin ? "cancelled by the network team" : "cancelled by an operator", now));
        }

        db.AddIntegrationEvent(MembershipEvents.Ended(subscription, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SubscriptionResponse.From(subscription));
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Renew(Guid id, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await FindManagedAsync(db, caller, id, tracked: true, cancellationToken);
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

    /// <summary>
    /// Who manages a subscription: the member, the network team, an operator of the plan's place, or for a network
    /// pass an operator of one of the member's places.
    /// </summary>
    internal static bool MayManage(Caller caller, Member member, Plan plan) =>
        caller.Is(member.Id) || (plan.PlaceId is { } place ? caller.Operates(place) : caller.OperatesAny(member.PlaceIds));

    private static async Task<Subscription?> FindManagedAsync(MembershipDbContext db, Caller caller, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var subscriptions = tracked ? db.Subscriptions : db.Subscriptions.AsNoTracking();
        var subscription = await subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        var member = await MembersApi.FindAsync(db, subscription.MemberId, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == subscription.PlanId, cancellationToken);
        return member is not null && MayManage(caller, member, plan) ? subscription : null;
    }

    /// <summary>The places where a network pass is valid now.</summary>
    internal static async Task<IReadOnlyList<Guid>> NetworkPassPlacesAsync(MembershipDbContext db, CancellationToken cancellationToken) =>
        await db.Places.Where(p => p.AcceptsNetworkPass).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
}
