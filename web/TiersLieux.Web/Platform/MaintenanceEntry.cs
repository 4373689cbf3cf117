namespace TiersLieux.Web.Platform;

/// <summary>One line of a machine's maintenance log: what was done, when, by whom, with which parts.</summary>
public sealed record MaintenanceEntry(Guid Id, Guid MachineId, Guid? PlanId, string PerformedBy, DateTimeOffset PerformedAt, string Work, string? Parts, decimal UsageHours);
