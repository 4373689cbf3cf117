using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>A place as a map draws it: where, what, and the name its card links to.</summary>
public sealed record PlaceMarker(Guid Id, string Name, PlaceTypology Typology, double Latitude, double Longitude);
