namespace TiersLieux.Web.Platform;

/// <summary>A machine's preventive task: every so many hours of use and/or days, and whether it is due.</summary>
public sealed record MaintenancePlan(Guid Id, Guid MachineId, string Task, int? EveryHours, int? EveryDays, DateTimeOffset LastDoneAt, decimal LastDoneAtHours, bool Due);
