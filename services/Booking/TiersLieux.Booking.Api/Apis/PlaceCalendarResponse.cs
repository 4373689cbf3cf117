using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>When a place may be booked: its weekly opening hours (from the directory, null when it gives none) and its closures to come.</summary>
public sealed record PlaceCalendarResponse(Guid PlaceId, string Name, IReadOnlyList<WeeklySpan>? OpeningHours, IReadOnlyList<ClosureResponse> Closures);
