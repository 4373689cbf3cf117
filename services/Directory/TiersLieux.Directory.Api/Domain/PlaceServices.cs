namespace TiersLieux.Directory.Api.Domain;

/// <summary>What a place offers, as the directory's filters and open data name it (kebab-case).</summary>
public static class PlaceServices
{
    public static readonly IReadOnlyList<string> All =
    [
        "open-space",
        "private-offices",
        "meeting-rooms",
        "event-space",
        "fablab-machines",
        "training",
        "catering",
        "business-incubation",
        "public-digital-access",
        "digital-support",
        "business-address",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string service) => Known.Contains(service);
}
