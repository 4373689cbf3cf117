using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/plans: what places (and the network) sell. The catalogue is public; an operator creates plans for
/// the places they act for, the network team network passes.
/// </summary>
public static class PlansApi
{
    public const string GetPlanRoute = "GetPlan";

    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/membership/plans").WithTags("Plans");
        plans.MapGet("/", ListPlans).WithName("ListPlans")
            .WithSummary("Lists a place's plans, the network's (no placeId), or every place's at once (everyPlace=true).");
        plans.MapGet("/{id:guid}", GetPlan).WithName(GetPlanRoute).WithSummary("Gets one plan.");
        plans.MapPost("/", CreatePlan).RequireAuthorization(PlatformPolicies.Operator).WithName("CreatePlan").WithSummary("Creates a place's plan or a network pass.");
        return plans;
    }

    /// <summary>
    /// Active plans only. <paramref name="everyPlace"/> lists the places' plans in one read (by place, then name): the
    /// website keeps them to show a place's passes on its page without a read per place.
    /// </summary>
    public static async Task<Results<Ok<List<PlanResponse>>, ProblemHttpResult>> ListPlans(MembershipDbContext db, CancellationToken cancellationToken,
        Guid? placeId = null, bool everyPlace = false)
    {
        if (everyPlace && placeId is not null)
        {
            return Problems.Invalid(new Errors().Add("everyPlace", "Either one place's plans (placeId) or every place's (everyPlace=true), not both."));
        }

        var active = db.Plans.AsNoTracking().Where(p => p.IsActive);
        var plans = everyPlace
            ? await active.Where(p => p.PlaceId != null).OrderBy(p => p.PlaceId).ThenBy(p => p.Name).ToListAsync(cancellationToken)
            : await active.Where(p => p.PlaceId == placeId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(plans.Select(PlanResponse.From).ToList());
    }

    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlan(Guid id, MembershipDbContext db, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } plan
            ? TypedResults.Ok(PlanResponse.From(plan))
            : Problems.NotFound("Plan", id);

    public static async Task<Results<CreatedAtRoute<PlanResponse>, ProblemHttpResult>> CreatePlan(
        PlanRequest request, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.PlaceId is { } ownPlace ? !caller.Operates(ownPlace) : !caller.IsNetworkAdmin)
        {
            return Problems.Forbidden(request.PlaceId is null
                ? "Network passes are defined by the network team."
                : "An operator creates plans for the places they act for only.");
        }

        var (plan, errors) = Plan.Create(request.PlaceId, request.Name, request.Kind, request.PriceCents, request.ValidityDays, request.IncludedHours, clock.GetUtcNow());
        if (request.PlaceId is { } placeId && !await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
        {
            errors.Add("placeId", $"No place of the network has id {placeId}.");
        }

        if (plan is null || errors.Any)
        {
            return Problems.Invalid(errors);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(PlanResponse.From(plan), GetPlanRoute, new { id = plan.Id });
    }
}
