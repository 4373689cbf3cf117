namespace TiersLieux.Equipment.Api.Apis;

public sealed record PlanRequest(string? Task, int? EveryHours, int? EveryDays);
