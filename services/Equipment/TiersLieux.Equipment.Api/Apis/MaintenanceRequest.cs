namespace TiersLieux.Equipment.Api.Apis;

public sealed record MaintenanceRequest(Guid? PlanId, string? Work, string? Parts, bool? BackInService);
