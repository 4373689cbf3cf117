using System.Net.Mail;
using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>A place's public details, checked as a whole before a place is registered or changed.</summary>
/// <param name="OpeningHours">OpenStreetMap opening_hours syntax (see <see cref="Domain.OpeningHours"/>).</param>
/// <param name="OperatorName">The organisation that runs the place (IN'ESS is run by the Grand Narbonne).</param>
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
    string? ContactEmail,
    string? Description = null,
    IReadOnlyList<string>? Services = null,
    string? OpeningHours = null,
    bool? WheelchairAccessible = null,
    string? AccessibilityNotes = null,
    string? Phone = null,
    IReadOnlyList<Uri>? PhotoUrls = null,
    string? OperatorName = null,
    PlaceStatus Status = PlaceStatus.Active)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int NotesMaxLength = 1000;
    public const int PhoneMaxLength = 30;
    public const int MaxPhotos = 12;
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

        if (Website is not null && !IsWebAddress(Website))
        {
            Add("website", "The website must be an absolute http or https address.");
        }

        if (ContactEmail is not null && !IsEmail(ContactEmail))
        {
            Add("contactEmail", "The contact email is not a valid address.");
        }

        if (Description is { Length: > DescriptionMaxLength })
        {
            Add("description", $"The description has {DescriptionMaxLength} characters at most.");
        }

        foreach (var service in (Services ?? []).Where(service => !PlaceServices.IsKnown(service)))
        {
            Add("services", $"Unknown service '{service}': {string.Join(", ", PlaceServices.All)}.");
        }

        if (OpeningHours is not null && Domain.OpeningHours.Parse(OpeningHours).Error is { } hoursError)
        {
            Add("openingHours", hoursError);
        }

        if (AccessibilityNotes is { Length: > NotesMaxLength })
        {
            Add("accessibilityNotes", $"The accessibility notes have {NotesMaxLength} characters at most.");
        }

        if (Phone is not null && !PhonePattern().IsMatch(Phone))
        {
            Add("phone", "The phone number has digits, spaces, dots, dashes and an optional leading + (6 to 30 characters).");
        }

        if (PhotoUrls is { Count: > MaxPhotos })
        {
            Add("photoUrls", $"A place shows {MaxPhotos} photos at most.");
        }

        foreach (var photo in (PhotoUrls ?? []).Where(photo => !IsWebAddress(photo)))
        {
            Add("photoUrls", $"'{photo}' is not an absolute http or https address.");
        }

        if (OperatorName is { Length: > NameMaxLength })
        {
            Add("operatorName", $"The operator's name has {NameMaxLength} characters at most.");
        }

        if (!Enum.IsDefined(Status))
        {
            Add("status", "The status must be active or closed.");
        }

        return errors;
    }

    private static bool IsEmail(string value) =>
        value.Length <= EmailMaxLength && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static bool IsWebAddress(Uri address) =>
        address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp) && address.AbsoluteUri.Length <= 500;

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]{5,28}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostcodePattern();
}
