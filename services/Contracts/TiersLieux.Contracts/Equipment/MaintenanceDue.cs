namespace TiersLieux.Contracts.Equipment;

/// <summary>A machine's preventive maintenance is due (by hours of use or by days since the last one); announced once per cycle.</summary>
public sealed record MaintenanceDue(Guid MachineId, Guid PlaceId, Guid PlanId, string Task, decimal UsageHours, DateTimeOffset OccurredAt);
