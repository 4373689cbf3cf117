namespace TiersLieux.Directory.Api.Apis;

public sealed record ApplicationRequest(Guid? PlaceId, string? Statement);
