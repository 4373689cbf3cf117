namespace TiersLieux.Membership.Api.Apis;

public sealed record KnownPlaceResponse(Guid Id, string Name, string Typology, bool AcceptsNetworkPass);
