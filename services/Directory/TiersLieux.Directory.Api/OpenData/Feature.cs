using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.OpenData;

public sealed record Feature(Guid Id, Point Geometry, FeatureProperties Properties)
{
    public string Type => "Feature";

    public static Feature Of(Place place, DateOnly today) => new(place.Id, new Point([place.Longitude, place.Latitude]),
        new FeatureProperties(place.Name, TypologyNames.Of(place.Typology), place.Address, place.Postcode, place.Commune, place.Department,
            place.Services, place.OpeningHours, place.Website, place.IsLabelledOn(today), place.LabelEdition, place.WheelchairAccessible));
}
