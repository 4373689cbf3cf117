namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// A machine became available, went into maintenance, was taken out of service (an unsafe incident does this at
/// once) or was retired. Booking cancels future bookings of a machine that is no longer available.
/// </summary>
/// <param name="Status">available, in-maintenance, out-of-service or retired.</param>
public sealed record MachineStatusChanged(Guid MachineId, Guid PlaceId, string Status, string? Reason, int Version, DateTimeOffset OccurredAt);
