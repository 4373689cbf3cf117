namespace TiersLieux.Booking.Api.Apis;

/// <summary>A closure and how many bookings it cancelled (their members are told).</summary>
public sealed record ClosureCreated(ClosureResponse Closure, int CancelledBookings);
