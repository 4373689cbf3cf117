using System.Text.Json;

namespace TiersLieux.Web.Platform;

/// <summary>
/// A place page's schema.org description for search engines, as JSON-LD. A tiers-lieu is described as a
/// <c>LocalBusiness</c> (a schema.org <c>Place</c> that is also an organisation), the type that carries an e-mail
/// address and opening hours: on a bare <c>Place</c> those two properties are not schema.org's, and a validator
/// flags them.
/// </summary>
public static class PlaceStructuredData
{
    /// <summary>The JSON-LD of <paramref name="place"/>, whose page is at <paramref name="pageUrl"/>; a closing tag in a value is escaped.</summary>
    public static string Of(PlaceDetails place, Uri pageUrl, string description)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "LocalBusiness",
            ["name"] = place.Name,
            ["description"] = description,
            ["url"] = pageUrl.ToString(),
            ["address"] = new Dictionary<string, object?>
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = place.Address,
                ["postalCode"] = place.Postcode,
                ["addressLocality"] = place.Commune,
                ["addressRegion"] = "Occitanie",
                ["addressCountry"] = "FR",
            },
            ["geo"] = new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = place.Latitude, ["longitude"] = place.Longitude },
            ["telephone"] = place.Phone,
            ["email"] = place.ContactEmail,
            ["sameAs"] = place.Website?.ToString(),
            ["openingHours"] = OpeningHours.ForSchemaOrg(place.OpeningHours) is { Count: > 0 } hours ? hours : null,
            ["image"] = place.PhotoUrls.Select(photo => photo.ToString()).ToList() is { Count: > 0 } photos ? photos : null,
        };
        var json = JsonSerializer.Serialize(data.Where(pair => pair.Value is not null).ToDictionary());
        return json.Replace("</", "<\\/", StringComparison.Ordinal);
    }
}
