using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record OrganisationResponse(Guid Id, string Name, OrganisationKind Kind, string? Siret, DateTimeOffset CreatedAt)
{
    public static OrganisationResponse From(Organisation organisation) =>
        new(organisation.Id, organisation.Name, organisation.Kind, organisation.Siret, organisation.CreatedAt);
}
