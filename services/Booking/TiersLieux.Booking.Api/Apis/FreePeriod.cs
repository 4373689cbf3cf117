namespace TiersLieux.Booking.Api.Apis;

/// <summary>A free stretch of a resource: from, to, and the seats left throughout (1 for a single resource).</summary>
public sealed record FreePeriod(DateTimeOffset From, DateTimeOffset To, int SeatsLeft);
