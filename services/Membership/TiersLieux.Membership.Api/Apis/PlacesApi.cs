using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/places: the directory's places as membership knows them (from PlaceRegistered/PlaceUpdated), and
/// the one thing membership decides about a place: whether it accepts the network pass (its operator or the network
/// team says so). Network passes bought afterwards are valid at the accepting places.
/// </summary>
public static class PlacesApi
{
    public static RouteGroupBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/membership/places").WithTags("Places");
        places.MapGet("/", ListPlaces).WithName("ListKnownPlaces").WithSummary("The network's places and whether each accepts the network pass.");
        places.MapPut("/{id:guid}/network-pass", SetNetworkPass).RequireAuthorization(PlatformPolicies.Operator).WithName("SetNetworkPassAcceptance")
            .WithSummary("Whether the place accepts the network pass (its operator, or the network team).");
        return places;
    }

    public static async Task<Ok<List<KnownPlaceResponse>>> ListPlaces(MembershipDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Places.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new KnownPlaceResponse(p.Id, p.Name, p.Typology, p.AcceptsNetworkPass)).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<KnownPlaceResponse>, ProblemHttpResult>> SetNetworkPass(Guid id, NetworkPassRequest request, MembershipDbContext db,
        Caller caller, CancellationToken cancellationToken)
    {
        var place = await db.Places.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (place is null)
        {
            return Problems.NotFound("Place", id);
        }

        if (!caller.Operates(id))
        {
            return Problems.Forbidden($"You do not act for place {id}.");
        }

        if (request.Accepts is not { } accepts)
        {
            return Problems.Invalid(new ServiceDefaults.Validation.Errors().Require("accepts", request.Accepts));
        }

        place.AcceptsNetworkPass = accepts;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new KnownPlaceResponse(place.Id, place.Name, place.Typology, place.AcceptsNetworkPass));
    }
}
