using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record MachineResponse(Guid Id, Guid PlaceId, string Name, MachineCategory Category, string? Make, string? Model, string? Description,
    MachineStatus Status, string? RequiredQualification, string? SafetyNotes, int HourlyCostCents, decimal UsageHours, int Version)
{
    public static MachineResponse From(Machine m) => new(m.Id, m.PlaceId, m.Name, m.Category, m.Make, m.Model, m.Description, m.Status,
        m.RequiredQualification, m.SafetyNotes, m.HourlyCostCents, m.UsageHours, m.Version);
}
