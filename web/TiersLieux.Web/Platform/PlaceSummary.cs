namespace TiersLieux.Web.Platform;

/// <summary>A place as the directory's search lists it.</summary>
public sealed record PlaceSummary(Guid Id, string Name, string Typology, string Commune, string Department, double Latitude, double Longitude,
    IReadOnlyList<string> Services, bool Labelled, PlaceLabel? Label, string? OpeningHours, bool? OpenNow, double? DistanceKm = null);
