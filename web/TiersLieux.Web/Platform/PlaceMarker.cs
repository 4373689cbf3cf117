namespace TiersLieux.Web.Platform;

/// <summary>A place as the map draws it.</summary>
public sealed record PlaceMarker(Guid Id, string Name, string Typology, double Latitude, double Longitude);
