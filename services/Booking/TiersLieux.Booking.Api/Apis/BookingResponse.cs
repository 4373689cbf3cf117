using TiersLieux.Booking.Api.Domain;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Booking.Api.Apis;

public sealed record BookingResponse(Guid Id, Guid ResourceId, Guid PlaceId, Guid MemberId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, BookingStatus Status,
    string? CancellationReason, string? CancellationNote = null)
{
    public static BookingResponse From(Reservation b) => new(b.Id, b.ResourceId, b.PlaceId, b.MemberId, b.StartsAt, b.EndsAt, b.Status,
        b.CancellationReason is { } reason ? KebabEnum.Name(reason) : null, b.CancellationNote);
}
