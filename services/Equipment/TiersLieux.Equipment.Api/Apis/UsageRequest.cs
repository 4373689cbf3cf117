namespace TiersLieux.Equipment.Api.Apis;

public sealed record UsageRequest(decimal? Hours, Guid? MemberId);
