using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Apis;

public sealed record ClosureResponse(Guid Id, Guid PlaceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason)
{
    public static ClosureResponse From(Closure c) => new(c.Id, c.PlaceId, c.StartsAt, c.EndsAt, c.Reason);
}
