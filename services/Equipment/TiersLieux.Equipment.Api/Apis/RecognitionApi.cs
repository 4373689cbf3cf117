using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Apis;

/// <summary>
/// /api/equipment/places/{id}/recognition: which other places' qualifications a place accepts for its machines (all,
/// none, or listed places). Public to read; the place's operator decides.
/// </summary>
public static class RecognitionApi
{
    public static RouteGroupBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/equipment/places").WithTags("Recognition");
        places.MapGet("/{id:guid}/recognition", GetRecognition).WithName("GetRecognition").WithSummary("What the place recognises.");
        places.MapPut("/{id:guid}/recognition", SetRecognition).RequireAuthorization(PlatformPolicies.Operator).WithName("SetRecognition")
            .WithSummary("mode all, none or listed (with acceptedPlaceIds); the place's operator.");
        return places;
    }

    public static async Task<Results<Ok<RecognitionResponse>, ProblemHttpResult>> GetRecognition(Guid id, EquipmentDbContext db, CancellationToken cancellationToken) =>
        await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } place
            ? TypedResults.Ok(RecognitionResponse.From(place))
            : Problems.NotFound("Place", id);

    public static async Task<Results<Ok<RecognitionResponse>, ProblemHttpResult>> SetRecognition(Guid id, RecognitionRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
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

        if (request.Mode is not { } mode)
        {
            return Problems.Invalid(new Errors().Require("mode", request.Mode));
        }

        var accepted = request.AcceptedPlaceIds ?? [];
        var errors = new Errors();
        var known = await db.Places.Where(p => accepted.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var unknown in accepted.Except(known))
        {
            errors.Add("acceptedPlaceIds", $"No place of the network has id {unknown}.");
        }

        if (!errors.Any)
        {
            errors = place.SetRecognition(mode, accepted);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // Booking checks machine bookings against the same recognition.
        db.AddIntegrationEvent(EquipmentEvents.RecognitionChanged(place, clock.GetUtcNow()), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RecognitionResponse.From(place));
    }
}
