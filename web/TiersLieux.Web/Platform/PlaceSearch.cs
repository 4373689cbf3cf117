namespace TiersLieux.Web.Platform;

/// <summary>The map's filters, as the page's address carries them (so a filtered map can be shared or embedded).</summary>
public sealed record PlaceSearch(string? Text = null, string? Typology = null, string? Department = null, string? Service = null, bool OpenNow = false,
    (double Latitude, double Longitude)? Near = null, int? RadiusKm = null)
{
    public const int MaxTextLength = 200;

    /// <summary>The radii a visitor picks from, in km.</summary>
    public static readonly int[] Radii = [5, 10, 20, 50];

    public bool IsEmpty => Text is null && Typology is null && Department is null && Service is null && !OpenNow && Near is null;

    /// <summary>The directory's search query for one page (the directory validates the values again).</summary>
    public string Query(int page, int pageSize) => Filters() is { Length: > 0 } filters ? $"page={page}&pageSize={pageSize}&{filters}" : $"page={page}&pageSize={pageSize}";

    /// <summary>The filters alone, as the directory's search and its markers take them.</summary>
    public string Filters()
    {
        var parts = new List<string>();
        if (Text is { } text)
        {
            parts.Add("q=" + Uri.EscapeDataString(text));
        }

        if (Typology is { } typology)
        {
            parts.Add("typology=" + Uri.EscapeDataString(typology));
        }

        if (Department is { } department)
        {
            parts.Add("department=" + Uri.EscapeDataString(department));
        }

        if (Service is { } service)
        {
            parts.Add("services=" + Uri.EscapeDataString(service));
        }

        if (OpenNow)
        {
            parts.Add("openNow=true");
        }

        if (Near is var (latitude, longitude))
        {
            parts.Add(FormattableString.Invariant($"near={latitude:0.#####},{longitude:0.#####}"));
            parts.Add(FormattableString.Invariant($"radiusKm={RadiusKm ?? 20}"));
        }

        return string.Join('&', parts);
    }
}
