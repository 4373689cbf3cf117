using System.Globalization;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The map's address (<c>/lieux?…</c>, <c>/carte/integrer?…</c>) read into the directory's search: unknown values are
/// dropped rather than refused, so an address typed by hand or pasted into a partner's site still shows a map.
/// </summary>
public sealed record MapAddress(PlaceSearch Search, string? CommuneAsked, Commune? Commune, IReadOnlyList<Commune> Homonyms, bool NearMe)
{
    public static MapAddress Read(Communes communes, string? texte, string? typologie, string? departement, string? service, string? ouvert,
        string? commune, string? pres, string? rayon)
    {
        var text = string.IsNullOrWhiteSpace(texte) ? null : texte.Trim();
        var radius = int.TryParse(rayon, NumberStyles.None, CultureInfo.InvariantCulture, out var km) && PlaceSearch.Radii.Contains(km) ? km : 20;
        var asked = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        var found = asked is null ? [] : communes.Find(asked);
        (double, double)? near = found.Count == 1 ? (found[0].Latitude, found[0].Longitude) : null;
        var nearMe = false;
        if (asked is null && Point(pres) is { } point)
        {
            near = point;
            nearMe = true;
        }

        var search = new PlaceSearch(
            text is { Length: > PlaceSearch.MaxTextLength } ? text[..PlaceSearch.MaxTextLength] : text,
            Vocabulary.IsTypology(typologie) ? typologie : null,
            Vocabulary.IsDepartment(departement) ? departement : null,
            Vocabulary.IsService(service) ? service : null,
            ouvert == "oui",
            near,
            near is null ? null : radius);
        return new MapAddress(search, asked, found.Count == 1 ? found[0] : null, found.Count > 1 ? found : [], nearMe);
    }

    /// <summary>The visitor's own position, as the address carries it (to 0.001°, about 100 m: no nearer is needed).</summary>
    public string? NearMePoint => NearMe && Search.Near is var (lat, lon) ? FormattableString.Invariant($"{lat:0.###},{lon:0.###}") : null;

    /// <summary>The same filters as an address's query (without the leading "?"), for links and the embedded map.</summary>
    public string Query()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("texte", Search.Text);
        Add("typologie", Search.Typology);
        Add("departement", Search.Department);
        Add("service", Search.Service);
        Add("ouvert", Search.OpenNow ? "oui" : null);
        Add("commune", Commune?.Label);
        Add("pres", NearMePoint);
        Add("rayon", Search.Near is null ? null : Search.RadiusKm?.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }

    /// <summary>"43.18,3.00": a point on Earth, or null.</summary>
    private static (double, double)? Point(string? value)
    {
        var parts = value?.Split(',');
        return parts is [var latitude, var longitude]
            && double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180
            ? (lat, lon)
            : null;
    }
}
