namespace TiersLieux.Web.Platform;

/// <summary>A closure booking recorded, and how many bookings it cancelled.</summary>
public sealed record ClosureAdded(PlaceClosure Closure, int CancelledBookings);
