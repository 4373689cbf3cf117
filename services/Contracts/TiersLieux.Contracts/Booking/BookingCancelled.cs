namespace TiersLieux.Contracts.Booking;

/// <summary>A booking was cancelled: by the member, by the place, or because the machine or the member may no longer be booked (the member is told).</summary>
/// <param name="Reason">member, operator, machine-unavailable, member-suspended, member-erased or subscription-ended.</param>
public sealed record BookingCancelled(Guid BookingId, Guid ResourceId, Guid PlaceId, Guid MemberId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Reason, DateTimeOffset OccurredAt);
