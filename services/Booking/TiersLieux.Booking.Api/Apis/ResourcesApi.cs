using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>
/// /api/booking/resources: what places let members book. Signed-in callers see them; a place's operator creates its
/// desks, open spaces, rooms and event spaces (machines come from equipment).
/// </summary>
public static class ResourcesApi
{
    public const string GetResourceRoute = "GetResource";

    public static RouteGroupBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/api/booking/resources").WithTags("Resources").RequireAuthorization(PlatformPolicies.SignedIn);
        resources.MapGet("/", ListResources).WithName("ListResources").WithSummary("A place's bookable resources, optionally of one kind.");
        resources.MapGet("/{id:guid}", GetResource).WithName(GetResourceRoute).WithSummary("One resource and its booking rules.");
        resources.MapPost("/", CreateResource).RequireAuthorization(PlatformPolicies.Operator).WithName("CreateResource")
            .WithSummary("A desk, an open space of N seats, a meeting room or an event space, with its booking rules (the place's operator).");
        resources.MapPut("/{id:guid}", UpdateResource).RequireAuthorization(PlatformPolicies.Operator).WithName("UpdateResource")
            .WithSummary("Changes a resource's name, seats and booking rules (the place's operator; a machine's name comes from equipment). Bookings made stand.");
        return resources;
    }

    public static async Task<Results<Ok<List<ResourceResponse>>, ProblemHttpResult>> ListResources(BookingDbContext db, CancellationToken cancellationToken,
        Guid? placeId = null, string? kind = null)
    {
        var (wanted, error) = KebabEnum.Filter<ResourceKind>(kind, "kind");
        if (error is not null)
        {
            return Problems.Invalid(new Errors().Add("kind", error));
        }

        return TypedResults.Ok(await db.Resources.AsNoTracking().Where(r => (placeId == null || r.PlaceId == placeId) && (wanted == null || r.Kind == wanted))
            .OrderBy(r => r.Name).Take(500).Select(r => ResourceResponse.From(r)).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> GetResource(Guid id, BookingDbContext db, CancellationToken cancellationToken) =>
        await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } resource
            ? TypedResults.Ok(ResourceResponse.From(resource))
            : Problems.NotFound("Resource", id);

    public static async Task<Results<CreatedAtRoute<ResourceResponse>, ProblemHttpResult>> CreateResource(ResourceRequest request, BookingDbContext db, Caller caller,
        CancellationToken cancellationToken)
    {
        if (request.PlaceId is not { } placeId)
        {
            return Problems.Invalid(new Errors().Require("placeId", request.PlaceId));
        }

        if (!caller.Operates(placeId))
        {
            return Problems.Forbidden("An operator creates their own place's resources.");
        }

        if (request.Kind == ResourceKind.Machine)
        {
            return Problems.Invalid(new Errors().Add("kind", "Machines come from equipment: register the machine there."));
        }

        var defaults = new ResourceRules();
        var rules = new ResourceRules(request.SlotMinutes ?? defaults.SlotMinutes, request.MinMinutes ?? defaults.MinMinutes, request.MaxMinutes ?? defaults.MaxMinutes,
            request.MaxDaysAhead ?? defaults.MaxDaysAhead, request.MinNoticeMinutes ?? defaults.MinNoticeMinutes);
        var (resource, errors) = Resource.Create(placeId, request.Name, request.Kind, request.Seats, rules);
        if (!await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
        {
            errors.Add("placeId", $"No place of the network has id {placeId}.");
        }

        if (resource is null || errors.Any)
        {
            return Problems.Invalid(errors);
        }

        db.Resources.Add(resource);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(ResourceResponse.From(resource), GetResourceRoute, new { id = resource.Id });
    }

    public static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> UpdateResource(Guid id, ResourceRequest request, BookingDbContext db, Caller caller,
        CancellationToken cancellationToken)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return Problems.NotFound("Resource", id);
        }

        if (!caller.Operates(resource.PlaceId))
        {
            return Problems.Forbidden($"You do not act for the place of resource {id}.");
        }

        var errors = new Errors();
        if (request.PlaceId is { } placeId && placeId != resource.PlaceId)
        {
            errors.Add("placeId", "A resource stays at its place.");
        }

        if (request.Kind is { } kind && kind != resource.Kind)
        {
            errors.Add("kind", "A resource keeps its kind: create another one.");
        }

        var rules = new ResourceRules(request.SlotMinutes ?? resource.SlotMinutes, request.MinMinutes ?? resource.MinMinutes, request.MaxMinutes ?? resource.MaxMinutes,
            request.MaxDaysAhead ?? resource.MaxDaysAhead, request.MinNoticeMinutes ?? resource.MinNoticeMinutes);
        if (!errors.Any)
        {
            errors = resource.Update(request.Name, request.Seats, rules);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ResourceResponse.From(resource));
    }
}
