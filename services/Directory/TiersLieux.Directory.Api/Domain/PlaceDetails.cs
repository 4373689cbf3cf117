using System.Net.Mail;
using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>A place's public details, checked as a whole before a place is registered or changed.</summary>
public sealed partial record PlaceDetails(
    string Name,
    PlaceTypology Typology,
    string Address,
    string Commune,
    string Postcode,
    string Department,
    double Latitude,
    double Longitude,
    Uri? Website,
    string? ContactEmail)
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 300;
    public const int CommuneMaxLength = 100;
    public const int EmailMaxLength = 254;

    /// <summary>Errors by field (camelCase, as clients send them); none when the details are valid.</summary>
    public Errors Validate()
    {
        var errors = new Errors();
        void Add(string field, string message) => errors.Add(field, message);

        if (Name.Trim().Length < 2 || Name.Length > NameMaxLength)
        {
            Add("name", $"The name must have 2 to {NameMaxLength} characters.");
        }

        if (!Enum.IsDefined(Typology))
        {
            Add("typology", "The typology must be coworking, fablab, digital-mediation or hybrid.");
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > AddressMaxLength)
        {
            Add("address", $"The address is required ({AddressMaxLength} characters at most).");
        }

        if (string.IsNullOrWhiteSpace(Commune) || Commune.Length > CommuneMaxLength)
        {
            Add("commune", $"The commune is required ({CommuneMaxLength} characters at most).");
        }

        if (!PostcodePattern().IsMatch(Postcode))
        {
            Add("postcode", "The postcode must be five digits.");
        }

        if (!Occitanie.Departments.Contains(Department))
        {
            Add("department", $"The department must be one of Occitanie's: {string.Join(", ", Occitanie.Departments.Order(StringComparer.Ordinal))}.");
        }
        else if (PostcodePattern().IsMatch(Postcode) && !Postcode.StartsWith(Department, StringComparison.Ordinal))
        {
            Add("postcode", $"A postcode in department {Department} starts with {Department}.");
        }

        if (double.IsNaN(Latitude) || Latitude is < -90 or > 90)
        {
            Add("latitude", "The latitude must be between -90 and 90 degrees.");
        }

        if (double.IsNaN(Longitude) || Longitude is < -180 or > 180)
        {
            Add("longitude", "The longitude must be between -180 and 180 degrees.");
        }

        if (!errors.Has("latitude") && !errors.Has("longitude") && !Occitanie.Contains(Latitude, Longitude))
        {
            Add("latitude", "The coordinates are outside Occitanie: check latitude and longitude (not swapped?).");
        }

        if (Website is not null && (!Website.IsAbsoluteUri || (Website.Scheme != Uri.UriSchemeHttps && Website.Scheme != Uri.UriSchemeHttp)))
        {
            Add("website", "The website must be an absolute http or https address.");
        }

        if (ContactEmail is not null && !IsEmail(ContactEmail))
        {
            Add("contactEmail", "The contact email is not a valid address.");
        }

        return errors;
    }

    private static bool IsEmail(string value) =>
        value.Length <= EmailMaxLength && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostcodePattern();
}
