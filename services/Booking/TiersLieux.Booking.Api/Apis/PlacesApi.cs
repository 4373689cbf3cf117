using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Booking.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>
/// /api/booking/places/{id}: when a place may be booked. Opening hours are the directory's (changed there); closures
/// (holidays, works, private events) are booking's own: the place's operator adds them, and a closure cancels the
/// bookings it overlaps, each member told through BookingCancelled.
/// </summary>
public static class PlacesApi
{
    public const string GetPlaceCalendarRoute = "GetPlaceCalendar";

    public static RouteGroupBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/booking/places").WithTags("Opening and closures").RequireAuthorization(PlatformPolicies.SignedIn);
        places.MapGet("/{id:guid}", GetCalendar).WithName(GetPlaceCalendarRoute).WithSummary("A place's weekly opening hours and closures to come.");
        places.MapPost("/{id:guid}/closures", AddClosure).RequireAuthorization(PlatformPolicies.Operator).WithName("AddClosure")
            .WithSummary("Closes the place for a period (its operator); the bookings it overlaps are cancelled and their members told.");
        places.MapDelete("/{id:guid}/closures/{closureId:guid}", RemoveClosure).RequireAuthorization(PlatformPolicies.Operator).WithName("RemoveClosure")
            .WithSummary("Reopens a closed period (cancelled bookings stay cancelled).");
        return places;
    }

    public static async Task<Results<Ok<PlaceCalendarResponse>, ProblemHttpResult>> GetCalendar(Guid id, BookingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (place is null)
        {
            return Problems.NotFound("Place", id);
        }

        var now = clock.GetUtcNow();
        var closures = await db.Closures.AsNoTracking().Where(c => c.PlaceId == id && c.EndsAt > now).OrderBy(c => c.StartsAt).Take(200)
            .Select(c => ClosureResponse.From(c)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PlaceCalendarResponse(place.Id, place.Name, place.OpeningHours, closures));
    }

    public static async Task<Results<Created<ClosureCreated>, ProblemHttpResult>> AddClosure(Guid id, ClosureRequest request, BookingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Places.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("Place", id);
        }

        if (!caller.Operates(id))
        {
            return Problems.Forbidden($"You do not act for place {id}.");
        }

        var now = clock.GetUtcNow();
        var errors = new Errors().Require("startsAt", request.StartsAt).Require("endsAt", request.EndsAt).Require("reason", request.Reason);
        if (request is { StartsAt: { } from, EndsAt: { } to })
        {
            if (to <= from)
            {
                errors.Add("endsAt", "A closure ends after it starts.");
            }
            else if (to <= now)
            {
                errors.Add("endsAt", "A closure ends in the future.");
            }
            else if (to - from > TimeSpan.FromDays(366))
            {
                errors.Add("endsAt", "A closure lasts a year at most; a place that closes for good says so in the directory.");
            }
        }

        if (request.Reason is { Length: > 200 })
        {
            errors.Add("reason", "The reason has 200 characters at most.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var closure = new Closure
        {
            Id = Guid.CreateVersion7(now),
            PlaceId = id,
            StartsAt = request.StartsAt!.Value.ToUniversalTime(),
            EndsAt = request.EndsAt!.Value.ToUniversalTime(),
            Reason = request.Reason!.Trim(),
        };
        var period = new NpgsqlTypes.NpgsqlRange<DateTimeOffset>(closure.StartsAt, true, closure.EndsAt, false);
        var lockPlaceResources = $"SELECT 1 FROM {db.TableName<Resource>()} WHERE \"PlaceId\" = {{0}} ORDER BY \"Id\" FOR UPDATE";
        var cancelled = await db.InTransactionAsync(async ct =>
        {
            // Every resource's row lock, as bookings take it: a booking racing this closure either commits first (and is
            // cancelled here) or waits and then sees the closure.
            await db.Database.ExecuteSqlRawAsync(lockPlaceResources, [id], ct);
            db.Closures.Add(closure);
            // The closure's reason goes to each member whose booking it cancels.
            var count = await BookingEvents.CancelFutureAsync(db, b => b.PlaceId == id && b.Period.Overlaps(period), CancellationReason.PlaceClosed, now, ct, closure.Reason);
            if (count > 0)
            {
                // Members lost their bookings by someone's decision: traced in the network's audit trail (membership).
                db.AddIntegrationEvent(new Contracts.Audit.SensitiveActionTaken(closure.Id, "booking", "closure-cancelled-bookings",
                    caller.Actor, caller.Role, "closure", closure.Id.ToString(), null, [id], $"{count} booking(s) cancelled", now), clock);
            }

            return count;
        }, cancellationToken);
        return TypedResults.Created($"/api/booking/places/{id}", new ClosureCreated(ClosureResponse.From(closure), cancelled));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveClosure(Guid id, Guid closureId, BookingDbContext db, Caller caller,
        CancellationToken cancellationToken)
    {
        var closure = await db.Closures.FirstOrDefaultAsync(c => c.Id == closureId && c.PlaceId == id, cancellationToken);
        if (closure is null)
        {
            return Problems.NotFound("Closure", closureId);
        }

        if (!caller.Operates(id))
        {
            return Problems.Forbidden($"You do not act for place {id}.");
        }

        db.Closures.Remove(closure);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
