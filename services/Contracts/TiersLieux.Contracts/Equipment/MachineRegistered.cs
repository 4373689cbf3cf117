namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// A fablab machine joined a place's equipment. Booking makes it bookable from this event (never typed twice).
/// Namespace and name are the message's identity on the bus: never rename; add optional members only.
/// </summary>
/// <param name="Category">laser-cutter, 3d-printer, cnc-router, vinyl-cutter, embroidery-machine, electronics-bench or other.</param>
/// <param name="RequiredQualification">The qualification code a member must hold to use it; null when none.</param>
/// <param name="Status">available, in-maintenance, out-of-service or retired.</param>
public sealed record MachineRegistered(
    Guid MachineId,
    Guid PlaceId,
    string Name,
    string Category,
    string? RequiredQualification,
    int HourlyCostCents,
    string Status,
    int Version,
    DateTimeOffset OccurredAt);
