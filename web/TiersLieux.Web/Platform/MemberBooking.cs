namespace TiersLieux.Web.Platform;

/// <summary>One of the member's bookings.</summary>
public sealed record MemberBooking(Guid Id, Guid ResourceId, Guid PlaceId, Guid MemberId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, string? CancellationReason);
