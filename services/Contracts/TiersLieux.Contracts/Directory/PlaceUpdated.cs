namespace TiersLieux.Contracts.Directory;

/// <summary>
/// A place's public details changed. Carries the whole new state and its <paramref name="Version"/>, so a
/// consumer keeps its copy right whatever order events arrive in (apply only a higher version).
/// </summary>
/// <param name="OpeningHours">The weekly opening hours as spans; null when the place publishes none (bookings are then not held to hours).</param>
public sealed record PlaceUpdated(
    Guid PlaceId,
    string Name,
    string Typology,
    string Commune,
    string Postcode,
    string Department,
    double Latitude,
    double Longitude,
    int Version,
    DateTimeOffset OccurredAt,
    IReadOnlyList<OpenSpan>? OpeningHours = null);
