namespace TiersLieux.Contracts.Booking;

/// <summary>A member holds a resource of a place for a period. Namespace and name are the message's identity: never rename.</summary>
/// <param name="ResourceKind">desk, open-space, meeting-room, event-space or machine.</param>
/// <param name="MachineId">Equipment's machine, when the resource is one.</param>
public sealed record BookingConfirmed(Guid BookingId, Guid ResourceId, string ResourceKind, Guid? MachineId, Guid PlaceId, Guid MemberId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset OccurredAt);
