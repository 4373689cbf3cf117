namespace TiersLieux.Booking.Api.Apis;

public sealed record BookingRequest(Guid? ResourceId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Guid? MemberId);
