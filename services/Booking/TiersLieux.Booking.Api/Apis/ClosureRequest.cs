namespace TiersLieux.Booking.Api.Apis;

public sealed record ClosureRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);
