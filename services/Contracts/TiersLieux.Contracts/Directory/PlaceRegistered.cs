namespace TiersLieux.Contracts.Directory;

/// <summary>
/// A tiers-lieu joined the regional directory. Namespace and name are the message's identity on the bus: never
/// rename; add optional members only.
/// </summary>
/// <param name="OpeningHours">The weekly opening hours as spans; null when the place publishes none (bookings are then not held to hours).</param>
/// <param name="Typology">coworking, fablab, digital-mediation or hybrid.</param>
/// <param name="Version">1 at registration; later <see cref="PlaceUpdated"/> events carry higher versions.</param>
public sealed record PlaceRegistered(
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
