using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>
/// /api/directory/places: the network's places. Reading is public directory data; the network team registers places,
/// and an operator edits the places they act for only (another place's edit is a 403: the place itself is public).
/// </summary>
public static class PlacesApi
{
    public const string GetPlaceRoute = "GetPlace";

    public static RouteGroupBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/directory/places").WithTags("Places");
        places.MapGet("/", ListPlaces).WithName("ListPlaces").WithSummary("Lists places, paged, optionally by typology and department.");
        places.MapGet("/{id:guid}", GetPlace).WithName(GetPlaceRoute).WithSummary("Gets one place.");
        places.MapGet("/{id:guid}/open-now", GetOpenNow).WithName("PlaceOpenNow")
            .WithSummary("Whether the place is open now (Paris time), by its opening hours; null when it has not given them.");
        places.MapPost("/", RegisterPlace).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("RegisterPlace").WithSummary("Registers a place and publishes PlaceRegistered.");
        places.MapPut("/{id:guid}", UpdatePlace).RequireAuthorization(PlatformPolicies.Operator).WithName("UpdatePlace").WithSummary("Replaces a place's details and publishes PlaceUpdated.");
        return places;
    }

    public static async Task<Results<Ok<PagedResponse<PlaceResponse>>, ProblemHttpResult>> ListPlaces(
        DirectoryDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20, string? typology = null, string? department = null)
    {
        var errors = Paging.Validate(page, pageSize);
        PlaceTypology parsedTypology = default;
        if (typology is not null && !TypologyNames.TryParse(typology, out parsedTypology))
        {
            errors["typology"] = ["The typology must be coworking, fablab, digital-mediation or hybrid."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = db.Places.AsNoTracking();
        if (typology is not null)
        {
            query = query.Where(place => place.Typology == parsedTypology);
        }

        if (department is not null)
        {
            query = query.Where(place => place.Department == department);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(place => place.Name).ThenBy(place => place.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<PlaceResponse>([.. items.Select(PlaceResponse.From)], page, pageSize, total));
    }

    public static async Task<Results<Ok<PlaceResponse>, ProblemHttpResult>> GetPlace(
        Guid id, DirectoryDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(place => place.Id == id, cancellationToken);
        if (place is null)
        {
            return Problems.NotFound("Place", id);
        }

        SetETag(http, place);
        return TypedResults.Ok(PlaceResponse.From(place));
    }

    /// <summary>Apart from the place itself: it changes with the time of day, not with the place's version (its ETag).</summary>
    public static async Task<Results<Ok<OpenNowResponse>, ProblemHttpResult>> GetOpenNow(Guid id, DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(place => place.Id == id, cancellationToken);
        if (place is null)
        {
            return Problems.NotFound("Place", id);
        }

        var now = clock.GetUtcNow();
        return TypedResults.Ok(new OpenNowResponse(place.IsOpenAt(OpeningHours.MinuteOfWeek(NetworkClock.LocalTime(now))), place.OpeningHours, now));
    }

    public static async Task<Results<CreatedAtRoute<PlaceResponse>, ProblemHttpResult>> RegisterPlace(
        PlaceRequest request, DirectoryDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (details, errors) = request.ToDetails();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (place, rejected) = Place.Register(details!, clock.GetUtcNow());
        if (place is null)
        {
            return Problems.Invalid(rejected);
        }

        db.Places.Add(place);
        db.AddIntegrationEvent(DirectoryEvents.Registered(place), clock);
        await db.SaveChangesAsync(cancellationToken);

        SetETag(http, place);
        return TypedResults.CreatedAtRoute(PlaceResponse.From(place), GetPlaceRoute, new { id = place.Id });
    }

    public static async Task<Results<Ok<PlaceResponse>, ProblemHttpResult>> UpdatePlace(
        Guid id, PlaceRequest request, DirectoryDbContext db, Caller caller, TimeProvider clock, HttpContext http,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var place = await db.Places.FirstOrDefaultAsync(place => place.Id == id, cancellationToken);
        if (place is null)
        {
            return Problems.NotFound("Place", id);
        }

        if (!caller.Operates(id))
        {
            return Problems.Forbidden($"You do not act for place {id}: an operator edits their own place only.");
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != ETag(place))
        {
            return Problems.PreconditionFailed($"The place is at version {place.Version}, not {ifMatch}: read it again before changing it.");
        }

        var (details, errors) = request.ToDetails();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var statusBefore = place.Status;
        var now = clock.GetUtcNow();
        var rejected = place.Update(details!, now);
        if (rejected.Any)
        {
            return Problems.Invalid(rejected);
        }

        db.AddIntegrationEvent(DirectoryEvents.Updated(place), clock);
        if (place.Status != statusBefore)
        {
            // Closing a place (or reopening it) is traced to who did it, in the network's audit trail (membership).
            var closed = place.Status == PlaceStatus.Closed;
            db.AddIntegrationEvent(new Contracts.Audit.SensitiveActionTaken(Guid.CreateVersion7(now), "directory", closed ? "place-closed" : "place-reopened",
                caller.Actor, caller.Role, "place", place.Id.ToString(), null, [place.Id], closed ? "closed" : "reopened", now), clock);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The place was changed meanwhile.", "Another change to this place was saved first: read it again and retry.");
        }

        SetETag(http, place);
        return TypedResults.Ok(PlaceResponse.From(place));
    }

    private static string ETag(Place place) => $"\"{place.Version.ToString(CultureInfo.InvariantCulture)}\"";

    private static void SetETag(HttpContext http, Place place) => http.Response.Headers.ETag = ETag(place);
}
