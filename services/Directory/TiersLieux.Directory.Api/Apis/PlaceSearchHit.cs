using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>One place in search results: enough for a list or a map pin, with its distance when searched near a point.</summary>
public sealed record PlaceSearchHit(
    Guid Id,
    string Name,
    PlaceTypology Typology,
    string Commune,
    string Department,
    double Latitude,
    double Longitude,
    IReadOnlyList<string> Services,
    bool Labelled,
    LabelResponse? Label,
    string? OpeningHours,
    bool? OpenNow,
    double? DistanceKm,
    Uri? Website);
