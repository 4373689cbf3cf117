using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>
/// Free periods of a resource, or of every resource of a kind at a place, over one to seven days (Paris days), on the
/// resource's slots and within what members may book (notice, days ahead), the place's opening hours and closures.
/// Who booked is never said.
/// </summary>
public static class AvailabilityApi
{
    public static RouteGroupBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        var availability = app.MapGroup("/api/booking").WithTags("Availability").RequireAuthorization(PlatformPolicies.SignedIn);
        availability.MapGet("/resources/{id:guid}/availability", OfResource).WithName("ResourceAvailability")
            .WithSummary("A resource's free periods from a day (date=YYYY-MM-DD) for 1 to 7 days.");
        availability.MapGet("/availability", OfKind).WithName("PlaceAvailability")
            .WithSummary("Free periods of every resource of a kind at a place (placeId, kind, date, days).");
        return availability;
    }

    public static async Task<Results<Ok<ResourceAvailability>, ProblemHttpResult>> OfResource(Guid id, DateOnly date, BookingDbContext db, TimeProvider clock,
        CancellationToken cancellationToken, int days = 1)
    {
        if (days is < 1 or > 7)
        {
            return Problems.Invalid(new Errors().Add("days", "Availability covers 1 to 7 days."));
        }

        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return resource is null
            ? Problems.NotFound("Resource", id)
            : TypedResults.Ok((await ComputeAsync(db, [resource], date, days, clock.GetUtcNow(), cancellationToken))[0]);
    }

    public static async Task<Results<Ok<List<ResourceAvailability>>, ProblemHttpResult>> OfKind(Guid? placeId, string? kind, DateOnly? date, BookingDbContext db,
        TimeProvider clock, CancellationToken cancellationToken, int days = 1)
    {
        var errors = new Errors().Require("placeId", placeId).Require("kind", kind).Require("date", date);
        var (wanted, kindError) = KebabEnum.Filter<ResourceKind>(kind, "kind");
        if (kindError is not null)
        {
            errors.Add("kind", kindError);
        }

        if (days is < 1 or > 7)
        {
            errors.Add("days", "Availability covers 1 to 7 days.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var resources = await db.Resources.AsNoTracking().Where(r => r.PlaceId == placeId && r.Kind == wanted).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(await ComputeAsync(db, resources, date!.Value, days, clock.GetUtcNow(), cancellationToken));
    }

    private static async Task<List<ResourceAvailability>> ComputeAsync(BookingDbContext db, List<Resource> resources, DateOnly date, int days, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var from = NetworkClock.StartOfDay(date);
        var to = NetworkClock.StartOfDay(date.AddDays(days));
        var ids = resources.Select(r => r.Id).ToList();
        var window = new NpgsqlTypes.NpgsqlRange<DateTimeOffset>(from, true, to, false);
        var bookings = await db.Reservations.AsNoTracking().Where(b => ids.Contains(b.ResourceId) && b.Status == BookingStatus.Confirmed && b.Period.Overlaps(window))
            .ToListAsync(cancellationToken);
        var placeIds = resources.Select(r => r.PlaceId).Distinct().ToList();
        var places = await db.Places.AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => placeIds.Contains(c.PlaceId) && c.StartsAt < to && from < c.EndsAt).ToListAsync(cancellationToken);
        // Whether the place is open and not closed over a slot is the same for all its resources on that grid of slots:
        // decided once per slot, not once per resource (50 desks over a week: 336 decisions instead of 16,800).
        var openSlots = new Dictionary<(Guid Place, DateTimeOffset Slot, DateTimeOffset End), bool>();
        bool OpenOver(Guid placeId, DateTimeOffset slot, DateTimeOffset end)
        {
            if (!openSlots.TryGetValue((placeId, slot, end), out var open))
            {
                open = places[placeId].OpenThroughout(slot, end) && !closures.Any(c => c.PlaceId == placeId && c.Overlaps(slot, end));
                openSlots[(placeId, slot, end)] = open;
            }

            return open;
        }

        return [.. resources.Select(resource =>
        {
            var taken = bookings.Where(b => b.ResourceId == resource.Id).ToList();
            var free = new List<FreePeriod>();
            for (var slot = from; slot < to; slot = slot.AddMinutes(resource.SlotMinutes))
            {
                var end = slot.AddMinutes(resource.SlotMinutes);
                var seatsLeft = resource.Available && slot >= now.AddMinutes(resource.MinNoticeMinutes) && slot <= now.AddDays(resource.MaxDaysAhead)
                    && OpenOver(resource.PlaceId, slot, end)
                    ? resource.Seats - taken.Count(b => b.StartsAt < end && slot < b.EndsAt)
                    : 0;
                if (seatsLeft <= 0)
                {
                    continue;
                }

                // Consecutive free slots with as many seats left make one period.
                if (free.Count > 0 && free[^1].To == slot && free[^1].SeatsLeft == seatsLeft)
                {
                    free[^1] = free[^1] with { To = end };
                }
                else
                {
                    free.Add(new FreePeriod(slot, end, seatsLeft));
                }
            }

            return new ResourceAvailability(resource.Id, resource.Name, resource.Kind, free);
        })];
    }
}
