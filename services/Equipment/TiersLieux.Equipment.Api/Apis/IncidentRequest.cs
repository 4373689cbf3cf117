namespace TiersLieux.Equipment.Api.Apis;

public sealed record IncidentRequest(string? Description, bool? Unsafe);
