using TiersLieux.Directory.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>The body of a create or update. Every member is nullable so a missing field is named in a 422, not a 400.</summary>
public sealed record PlaceRequest(
    string? Name,
    string? Typology,
    string? Address,
    string? Commune,
    string? Postcode,
    string? Department,
    double? Latitude,
    double? Longitude,
    string? Website,
    string? ContactEmail,
    string? Description = null,
    IReadOnlyList<string>? Services = null,
    string? OpeningHours = null,
    bool? WheelchairAccessible = null,
    string? AccessibilityNotes = null,
    string? Phone = null,
    IReadOnlyList<string>? PhotoUrls = null,
    string? OperatorName = null,
    string? Status = null)
{
    public (PlaceDetails? Details, Errors Errors) ToDetails()
    {
        var missing = new Errors()
            .Require("name", Name).Require("typology", Typology).Require("address", Address).Require("commune", Commune)
            .Require("postcode", Postcode).Require("department", Department).Require("latitude", Latitude).Require("longitude", Longitude);

        PlaceTypology typology = default;
        if (Typology is not null && !TypologyNames.TryParse(Typology, out typology))
        {
            missing.Add("typology", "The typology must be coworking, fablab, digital-mediation or hybrid.");
        }

        Uri? website = null;
        if (!string.IsNullOrWhiteSpace(Website) && !Uri.TryCreate(Website.Trim(), UriKind.Absolute, out website))
        {
            missing.Add("website", "The website must be an absolute http or https address.");
        }

        var photos = new List<Uri>();
        foreach (var photo in PhotoUrls ?? [])
        {
            if (Uri.TryCreate(photo?.Trim(), UriKind.Absolute, out var address))
            {
                photos.Add(address);
            }
            else
            {
                missing.Add("photoUrls", $"'{photo}' is not an absolute http or https address.");
            }
        }

        var status = PlaceStatus.Active;
        if (Status is not null && !Enum.TryParse(Status, ignoreCase: true, out status))
        {
            missing.Add("status", "The status must be active or closed.");
        }

        if (missing.Any)
        {
            return (null, missing);
        }

        var details = new PlaceDetails(Name!, typology, Address!, Commune!.Trim(), Postcode!.Trim(), Department!.Trim(),
            Latitude!.Value, Longitude!.Value, website, string.IsNullOrWhiteSpace(ContactEmail) ? null : ContactEmail.Trim(),
            Description, Services?.Select(service => service?.Trim() ?? "").ToList(), string.IsNullOrWhiteSpace(OpeningHours) ? null : OpeningHours,
            WheelchairAccessible, AccessibilityNotes, string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), photos, OperatorName, status);
        return (details, details.Validate());
    }
}
