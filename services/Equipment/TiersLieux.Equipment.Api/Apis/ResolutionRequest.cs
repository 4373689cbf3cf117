namespace TiersLieux.Equipment.Api.Apis;

public sealed record ResolutionRequest(string? Resolution, bool? BackInService);
