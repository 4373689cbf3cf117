using System.Globalization;
using CsvHelper.Configuration.Attributes;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.OpenData;

/// <summary>
/// One row of the national open-data schema of digital-mediation places ("schéma des lieux de médiation
/// numérique"), with its own field names; lists are separated by '|'. The fields the directory does not keep are
/// read and ignored, and written empty.
/// </summary>
public sealed class MediationNumeriqueRow
{
    public const string ExternalPrefix = "mediation-numerique:";
    public const string Source = "Réseau des tiers-lieux d'Occitanie";

    [Name("id")] public string? Id { get; set; }
    [Name("pivot")] public string? Pivot { get; set; }
    [Name("nom")] public string? Nom { get; set; }
    [Name("commune")] public string? Commune { get; set; }
    [Name("code_postal")] public string? CodePostal { get; set; }
    [Name("code_insee")] [Optional] public string? CodeInsee { get; set; }
    [Name("adresse")] public string? Adresse { get; set; }
    [Name("complement_adresse")] [Optional] public string? ComplementAdresse { get; set; }
    [Name("latitude")] public string? Latitude { get; set; }
    [Name("longitude")] public string? Longitude { get; set; }
    [Name("typologie")] [Optional] public string? Typologie { get; set; }
    [Name("telephone")] [Optional] public string? Telephone { get; set; }
    [Name("courriels")] [Optional] public string? Courriels { get; set; }
    [Name("site_web")] [Optional] public string? SiteWeb { get; set; }
    [Name("horaires")] [Optional] public string? Horaires { get; set; }
    [Name("presentation_resume")] [Optional] public string? PresentationResume { get; set; }
    [Name("source")] [Optional] public string? SourceName { get; set; }
    [Name("date_maj")] [Optional] public string? DateMaj { get; set; }
    [Name("services")] [Optional] public string? Services { get; set; }

    /// <summary>The national services this directory files under public digital access; every other is digital support.</summary>
    public const string InternetAccess = "Accès internet et matériel informatique";

    /// <summary>The place this row describes, or why it cannot be one.</summary>
    public (PlaceDetails? Details, string? Rejection) ToDetails()
    {
        var missing = new[] { ("id", Id), ("nom", Nom), ("adresse", Adresse), ("code_postal", CodePostal), ("commune", Commune), ("latitude", Latitude), ("longitude", Longitude) }
            .Where(field => string.IsNullOrWhiteSpace(field.Item2)).Select(field => field.Item1).ToList();
        if (missing.Count > 0)
        {
            return (null, $"Missing {string.Join(", ", missing)}.");
        }

        if (!double.TryParse(Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
        {
            return (null, $"latitude and longitude are decimal degrees with a point ('{Latitude}', '{Longitude}').");
        }

        var postcode = CodePostal!.Trim();
        var department = postcode.Length == 5 ? postcode[..2] : "";
        if (!Occitanie.Departments.Contains(department))
        {
            return (null, $"code_postal {postcode} is not in Occitanie.");
        }

        var services = Split(Services).Select(service => service == InternetAccess ? "public-digital-access" : "digital-support").Distinct().ToList();
        Uri? website = null;
        if (Split(SiteWeb).FirstOrDefault() is { } site && !Uri.TryCreate(site, UriKind.Absolute, out website))
        {
            return (null, $"site_web '{site}' is not an address.");
        }

        var details = new PlaceDetails(Nom!.Trim(), PlaceTypology.DigitalMediation, Adresse!.Trim(), Commune!.Trim(), postcode, department,
            latitude, longitude, website, Split(Courriels).FirstOrDefault(),
            Description: string.IsNullOrWhiteSpace(PresentationResume) ? null : PresentationResume.Trim(),
            Services: services, OpeningHours: string.IsNullOrWhiteSpace(Horaires) ? null : Horaires.Trim(),
            Phone: string.IsNullOrWhiteSpace(Telephone) ? null : Telephone.Trim());
        var errors = details.Validate();
        return errors.Any ? (null, Describe(errors)) : (details, null);
    }

    public static MediationNumeriqueRow From(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new MediationNumeriqueRow
        {
            Id = place.ExternalId?.StartsWith(ExternalPrefix, StringComparison.Ordinal) == true ? place.ExternalId[ExternalPrefix.Length..] : place.Id.ToString(),
            Pivot = "00000000000000",
            Nom = place.Name,
            Commune = place.Commune,
            CodePostal = place.Postcode,
            Adresse = place.Address,
            Latitude = place.Latitude.ToString(CultureInfo.InvariantCulture),
            Longitude = place.Longitude.ToString(CultureInfo.InvariantCulture),
            Typologie = place.Typology == PlaceTypology.DigitalMediation ? "" : "TIERS_LIEUX",
            Telephone = place.Phone,
            Courriels = place.ContactEmail,
            SiteWeb = place.Website?.AbsoluteUri,
            Horaires = place.OpeningHours,
            PresentationResume = place.Description,
            SourceName = Source,
            DateMaj = place.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Services = string.Join('|', place.Services.Select(service => service == "public-digital-access" ? InternetAccess : "Maîtrise des outils numériques du quotidien").Distinct()),
        };
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Describe(Errors errors) =>
        string.Join(" ", errors.ToDictionary().SelectMany(field => field.Value.Select(message => $"{Rename(field.Key)}: {message}")));

    /// <summary>The file's own field names in the reasons, so the person fixing the file finds the column.</summary>
    private static string Rename(string field) => field switch
    {
        "name" => "nom",
        "address" => "adresse",
        "postcode" => "code_postal",
        "openingHours" => "horaires",
        "phone" => "telephone",
        "contactEmail" => "courriels",
        "website" => "site_web",
        "description" => "presentation_resume",
        _ => field,
    };
}
