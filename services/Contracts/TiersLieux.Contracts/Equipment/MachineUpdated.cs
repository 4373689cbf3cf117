namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// A machine's details changed (name, category, required qualification, cost). Carries the whole new state and its
/// <paramref name="Version"/>: a consumer applies only a higher version than its copy's.
/// </summary>
/// <param name="RequiredQualification">The qualification code a member must hold to use it; null when none.</param>
public sealed record MachineUpdated(
    Guid MachineId,
    Guid PlaceId,
    string Name,
    string Category,
    string? RequiredQualification,
    int HourlyCostCents,
    string Status,
    int Version,
    DateTimeOffset OccurredAt);
