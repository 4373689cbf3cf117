namespace TiersLieux.Contracts.Booking;

/// <summary>A booking was cancelled: by the member, by the place, or because the machine or the member may no longer be booked (the member is told).</summary>
/// <param name="Reason">member, operator, machine-unavailable, place-closed, member-suspended, member-erased, subscription-ended or qualification-revoked.</param>
/// <param name="Note">The place's own words to the member (an operator's cancellation, a closure's reason), or null.</param>
public sealed record BookingCancelled(Guid BookingId, Guid ResourceId, Guid PlaceId, Guid MemberId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Reason, DateTimeOffset OccurredAt, string? Note = null);
