namespace TiersLieux.Web.Platform;

/// <summary>An incident reported on a machine, open until resolved.</summary>
public sealed record MachineIncident(Guid Id, Guid MachineId, string ReportedBy, DateTimeOffset ReportedAt, string Description, bool Unsafe, DateTimeOffset? ResolvedAt, string? Resolution);
