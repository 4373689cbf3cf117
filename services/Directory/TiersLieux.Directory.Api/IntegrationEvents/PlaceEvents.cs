using TiersLieux.Contracts.Directory;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>The directory's events about places, built from the place as committed.</summary>
public static class PlaceEvents
{
    public static PlaceRegistered Registered(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt, OpeningSpans(place));

    public static PlaceUpdated Updated(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt, OpeningSpans(place));

    /// <summary>The parsed weekly hours (null when the place gives none), so no other service parses OSM syntax.</summary>
    private static List<OpenSpan>? OpeningSpans(Place place) => place.OpeningHours is null
        ? null
        : [.. place.OpenWeekly.Select(span => new OpenSpan(span.LowerBound, span.UpperBound))];
}
