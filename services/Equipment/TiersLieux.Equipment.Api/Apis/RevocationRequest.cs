namespace TiersLieux.Equipment.Api.Apis;

public sealed record RevocationRequest(string? Reason);
