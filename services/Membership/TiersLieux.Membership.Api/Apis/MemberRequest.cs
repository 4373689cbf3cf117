using TiersLieux.Membership.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>Every member nullable, so a missing field is named in a 422, not a 400.</summary>
public sealed record MemberRequest(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    Guid? OrganisationId,
    IReadOnlyList<Guid>? PlaceIds,
    FunderProfileRequest? FunderProfile)
{
    public (MemberDetails? Details, Errors Errors) ToDetails(DateTimeOffset now, DateTimeOffset? consentGivenBefore)
    {
        var errors = new Errors().Require("firstName", FirstName).Require("lastName", LastName).Require("email", Email).Require("placeIds", PlaceIds);
        FunderProfile? profile = null;
        if (FunderProfile is { } given)
        {
            if (given.Consent != true)
            {
                // GDPR: these data are kept only with the member's explicit consent.
                errors.Add("funderProfile.consent", "Funder-reporting data are kept only with the member's explicit consent (consent: true).");
            }
            else
            {
                profile = new FunderProfile(consentGivenBefore ?? now, given.Gender, given.BirthYear, given.Postcode?.Trim(),
                    given.PriorityNeighbourhoodResident, given.EmploymentStatus, given.DisabilityRecognised);
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new MemberDetails(FirstName!, LastName!, Email!, Phone, OrganisationId, [.. PlaceIds!.Distinct()], profile);
        return (details, details.Validate(now));
    }
}
