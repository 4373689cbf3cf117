using System.Text.Json.Serialization;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.OpenData;

/// <summary>An RFC 7946 FeatureCollection of places for maps: one Point feature each, [longitude, latitude] in WGS 84.</summary>
public sealed record FeatureCollection(IReadOnlyList<Feature> Features)
{
    public string Type => "FeatureCollection";

    public static FeatureCollection Of(IEnumerable<Place> places, DateOnly today) => new([.. places.Select(place => Feature.Of(place, today))]);
}

public sealed record Feature(Guid Id, Point Geometry, FeatureProperties Properties)
{
    public string Type => "Feature";

    public static Feature Of(Place place, DateOnly today) => new(place.Id, new Point([place.Longitude, place.Latitude]),
        new FeatureProperties(place.Name, TypologyNames.Of(place.Typology), place.Address, place.Postcode, place.Commune, place.Department,
            place.Services, place.OpeningHours, place.Website, place.IsLabelledOn(today), place.LabelEdition, place.WheelchairAccessible));
}

/// <summary>RFC 7946 §3.1.2: a position is longitude first.</summary>
public sealed record Point(double[] Coordinates)
{
    public string Type => "Point";
}

public sealed record FeatureProperties(
    string Name,
    string Typology,
    string Address,
    string Postcode,
    string Commune,
    string Department,
    IReadOnlyList<string> Services,
    string? OpeningHours,
    Uri? Website,
    bool Labelled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LabelEdition,
    bool? WheelchairAccessible);
