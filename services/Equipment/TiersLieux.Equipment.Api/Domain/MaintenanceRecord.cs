namespace TiersLieux.Equipment.Api.Domain;

/// <summary>An entry of a machine's maintenance log: who did what, when, with which parts.</summary>
public sealed class MaintenanceRecord
{
    public Guid Id { get; set; }

    public Guid MachineId { get; set; }

    public Guid? PlanId { get; set; }

    public string PerformedBy { get; set; } = "";

    public DateTimeOffset PerformedAt { get; set; }

    public string Work { get; set; } = "";

    public string? Parts { get; set; }

    public decimal UsageHours { get; set; }
}
