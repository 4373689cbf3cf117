using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.OpenData;

/// <summary>An RFC 7946 FeatureCollection of places for maps: one Point feature each, [longitude, latitude] in WGS 84.</summary>
public sealed record FeatureCollection(IReadOnlyList<Feature> Features)
{
    public string Type => "FeatureCollection";

    public static FeatureCollection Of(IEnumerable<Place> places, DateOnly today) => new([.. places.Select(place => Feature.Of(place, today))]);
}
