namespace TiersLieux.Contracts.Booking;

/// <summary>A booking's period is over and it was used: hours for machine maintenance (equipment) and indicators (directory).</summary>
public sealed record BookingCompleted(Guid BookingId, Guid ResourceId, string ResourceKind, Guid? MachineId, Guid PlaceId, Guid MemberId, decimal Hours,
    DateTimeOffset EndedAt);
