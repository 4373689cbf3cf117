using TiersLieux.Contracts.Directory;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>The directory's events about places, built from the place as committed.</summary>
public static class PlaceEvents
{
    public static PlaceRegistered Registered(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt);

    public static PlaceUpdated Updated(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt);
}
