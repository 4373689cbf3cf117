namespace TiersLieux.Equipment.Api.Apis;

public sealed record GrantRequest(Guid? MemberId, string? Code, Guid? PlaceId);
