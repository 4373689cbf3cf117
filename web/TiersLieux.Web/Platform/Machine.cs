namespace TiersLieux.Web.Platform;

/// <summary>A machine of a place (equipment).</summary>
public sealed record Machine(Guid Id, Guid PlaceId, string Name, string Category, string? Make, string? Model, string? Description, string Status, string? RequiredQualification, string? SafetyNotes, int HourlyCostCents, decimal UsageHours = 0);
