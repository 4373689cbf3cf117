using System.Globalization;
using TiersLieux.Web.Platform;
using static TiersLieux.Web.Platform.FormValues;

namespace TiersLieux.Web.Components.Console;

/// <summary>A place's directory sheet as the console's form holds it (registering a place, or editing its details).</summary>
public sealed class PlaceSheetForm
{
    /// <summary>The version the person read: saving over someone else's change is refused, not silent.</summary>
    public int Version { get; set; }

    public string? Name { get; set; }

    public string? Typology { get; set; }

    public string? Address { get; set; }

    public string? Commune { get; set; }

    public string? Postcode { get; set; }

    public string? Department { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Website { get; set; }

    public string? ContactEmail { get; set; }

    public string? Phone { get; set; }

    public string? Description { get; set; }

    /// <summary>The services offered, by code: a checkbox each.</summary>
    public Dictionary<string, bool> Offered { get; set; } = [];

    public string? OpeningHours { get; set; }

    /// <summary>"oui", "non", or empty when not known.</summary>
    public string? Wheelchair { get; set; }

    public string? AccessibilityNotes { get; set; }

    /// <summary>One photo address per line.</summary>
    public string? Photos { get; set; }

    public string? OperatorName { get; set; }

    public static PlaceSheetForm From(PlaceDetails place) => new()
    {
        Version = place.Version, Name = place.Name, Typology = place.Typology, Address = place.Address, Commune = place.Commune,
        Postcode = place.Postcode, Department = place.Department, Latitude = place.Latitude, Longitude = place.Longitude,
        Website = place.Website?.ToString(), ContactEmail = place.ContactEmail, Phone = place.Phone, Description = place.Description,
        Offered = place.Services.ToDictionary(service => service, _ => true), OpeningHours = place.OpeningHours,
        Wheelchair = place.WheelchairAccessible switch { true => "oui", false => "non", null => "" },
        AccessibilityNotes = place.AccessibilityNotes, Photos = string.Join('\n', place.PhotoUrls), OperatorName = place.OperatorName,
    };

    /// <summary>The directory's request; the directory checks every value (its 422 comes back next to the fields).</summary>
    public object Body(string status) => new
    {
        name = Blank(Name), typology = Blank(Typology), address = Blank(Address), commune = Blank(Commune), postcode = Blank(Postcode),
        department = Blank(Department), latitude = Latitude, longitude = Longitude, website = Blank(Website), contactEmail = Blank(ContactEmail),
        phone = Blank(Phone), description = Blank(Description),
        services = Offered.Where(service => service.Value).Select(service => service.Key).Order(StringComparer.Ordinal).ToArray(),
        openingHours = Blank(OpeningHours),
        wheelchairAccessible = Wheelchair switch { "oui" => true, "non" => (bool?)false, _ => null },
        accessibilityNotes = Blank(AccessibilityNotes),
        photoUrls = (Photos ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        operatorName = Blank(OperatorName),
        status,
    };

    public string VersionText => Version.ToString(CultureInfo.InvariantCulture);
}
