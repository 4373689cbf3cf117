namespace TiersLieux.Booking.Api.Domain;

/// <summary>A span of the week a place is open: minutes of the week on Paris time (Monday 00:00 = 0), end exclusive.</summary>
public sealed record WeeklySpan(int Start, int End);
