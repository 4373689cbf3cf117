using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// What funders ask about the people the places serve, kept only with the member's explicit consent and given
/// to reports only in aggregate. QPV: quartier prioritaire de la politique de la ville (priority neighbourhood).
/// </summary>
public sealed partial record FunderProfile(
    DateTimeOffset ConsentGivenAt,
    Gender? Gender,
    int? BirthYear,
    string? Postcode,
    bool? PriorityNeighbourhoodResident,
    EmploymentStatus? EmploymentStatus,
    bool? DisabilityRecognised)
{
    public Errors Validate(DateTimeOffset now)
    {
        var errors = new Errors();
        if (BirthYear is { } year && (year < 1900 || year > now.Year))
        {
            errors.Add("funderProfile.birthYear", $"The birth year must be between 1900 and {now.Year}.");
        }

        if (Postcode is not null && !PostcodePattern().IsMatch(Postcode))
        {
            errors.Add("funderProfile.postcode", "The postcode must be five digits.");
        }

        return errors;
    }

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostcodePattern();
}
