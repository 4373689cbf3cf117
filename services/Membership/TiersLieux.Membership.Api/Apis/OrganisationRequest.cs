using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind, string? Siret);
