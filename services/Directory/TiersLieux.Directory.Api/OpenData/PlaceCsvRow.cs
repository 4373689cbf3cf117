using System.Globalization;
using CsvHelper.Configuration.Attributes;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.OpenData;

/// <summary>A place in the directory's CSV export (French column names, as the network's partners read them).</summary>
public sealed record PlaceCsvRow(
    [property: Name("id")] Guid Id,
    [property: Name("nom")] string Name,
    [property: Name("typologie")] string Typology,
    [property: Name("adresse")] string Address,
    [property: Name("code_postal")] string Postcode,
    [property: Name("commune")] string Commune,
    [property: Name("departement")] string Department,
    [property: Name("latitude")] string Latitude,
    [property: Name("longitude")] string Longitude,
    [property: Name("services")] string Services,
    [property: Name("horaires")] string? OpeningHours,
    [property: Name("accessible_pmr")] string? WheelchairAccessible,
    [property: Name("site_web")] string? Website,
    [property: Name("courriel")] string? ContactEmail,
    [property: Name("telephone")] string? Phone,
    [property: Name("gestionnaire")] string? OperatorName,
    [property: Name("labellise")] string Labelled,
    [property: Name("edition_label")] int? LabelEdition,
    [property: Name("label_jusqu_au")] string? LabelledUntil,
    [property: Name("date_maj")] string UpdatedAt)
{
    public static PlaceCsvRow From(Place place, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new PlaceCsvRow(place.Id, place.Name, TypologyNames.Of(place.Typology), place.Address, place.Postcode, place.Commune,
            place.Department, place.Latitude.ToString(CultureInfo.InvariantCulture), place.Longitude.ToString(CultureInfo.InvariantCulture),
            string.Join('|', place.Services), place.OpeningHours, place.WheelchairAccessible switch { true => "oui", false => "non", null => null },
            place.Website?.AbsoluteUri, place.ContactEmail, place.Phone, place.OperatorName, place.IsLabelledOn(today) ? "oui" : "non",
            place.LabelEdition, place.LabelledUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            place.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
