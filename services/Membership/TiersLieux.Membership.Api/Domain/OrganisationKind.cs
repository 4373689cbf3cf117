namespace TiersLieux.Membership.Api.Domain;

public enum OrganisationKind
{
    Company,
    Association,
    Freelancer,
}
