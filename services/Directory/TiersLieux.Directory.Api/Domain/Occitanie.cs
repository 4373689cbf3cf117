namespace TiersLieux.Directory.Api.Domain;

/// <summary>The region the network covers: its departments and a bounding box generous enough for border communes.</summary>
public static class Occitanie
{
    /// <summary>Ariège, Aude, Aveyron, Gard, Haute-Garonne, Gers, Hérault, Lot, Lozère, Hautes-Pyrénées, Pyrénées-Orientales, Tarn, Tarn-et-Garonne.</summary>
    public static readonly IReadOnlySet<string> Departments = new HashSet<string>(StringComparer.Ordinal)
    {
        "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
    };

    public const double MinLatitude = 42.0;
    public const double MaxLatitude = 45.5;
    public const double MinLongitude = -0.6;
    public const double MaxLongitude = 5.0;

    public static bool Contains(double latitude, double longitude) =>
        latitude is >= MinLatitude and <= MaxLatitude && longitude is >= MinLongitude and <= MaxLongitude;
}
