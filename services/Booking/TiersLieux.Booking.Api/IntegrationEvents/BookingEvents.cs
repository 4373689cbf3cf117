using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Booking;
using TiersLieux.Messaging;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Booking.Api.IntegrationEvents;

/// <summary>Booking's events, built from the state as committed.</summary>
public static class BookingEvents
{
    public static BookingConfirmed Confirmed(Reservation booking, Resource resource, DateTimeOffset now) => new(booking.Id, resource.Id, Resource.KindName(resource.Kind),
        resource.MachineId, booking.PlaceId, booking.MemberId, booking.StartsAt, booking.EndsAt, now);

    public static BookingCancelled Cancelled(Reservation booking, DateTimeOffset now) => new(booking.Id, booking.ResourceId, booking.PlaceId, booking.MemberId,
        booking.StartsAt, booking.EndsAt, booking.CancellationReason is { } reason ? KebabEnum.Name(reason) : "", now, booking.CancellationNote);

    /// <summary>
    /// Cancels the confirmed bookings still to come that match, each with its BookingCancelled (the member is told),
    /// in the caller's transaction. How many.
    /// </summary>
    public static async Task<int> CancelFutureAsync(BookingDbContext db, Expression<Func<Reservation, bool>> which, CancellationReason reason, DateTimeOffset now,
        CancellationToken cancellationToken, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var future = await db.Reservations.Where(which).Where(b => b.Status == BookingStatus.Confirmed && b.Period.UpperBound > now).ToListAsync(cancellationToken);
        return future.Count(booking => Cancel(db, booking, reason, now, note));
    }

    /// <summary>Cancels one confirmed booking with its BookingCancelled (the member is told); false when it was not confirmed.</summary>
    public static bool Cancel(BookingDbContext db, Reservation booking, CancellationReason reason, DateTimeOffset now, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(booking);
        if (!booking.Cancel(reason, note))
        {
            return false;
        }

        db.AddIntegrationEvent(Cancelled(booking, now));
        return true;
    }
}
