namespace TiersLieux.Web.Platform;

/// <summary>The markers of every place that matches (the directory caps them; <see cref="Total"/> says how many matched).</summary>
public sealed record PlaceMarkers(IReadOnlyList<PlaceMarker> Markers, int Total);
