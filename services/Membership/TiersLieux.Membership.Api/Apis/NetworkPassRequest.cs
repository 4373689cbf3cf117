namespace TiersLieux.Membership.Api.Apis;

public sealed record NetworkPassRequest(bool? Accepts);
