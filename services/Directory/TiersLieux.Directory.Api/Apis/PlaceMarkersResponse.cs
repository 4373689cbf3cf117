namespace TiersLieux.Directory.Api.Apis;

/// <summary>The markers of every matching place; <see cref="Total"/> says how many matched when there were more than the cap.</summary>
public sealed record PlaceMarkersResponse(IReadOnlyList<PlaceMarker> Markers, int Total);
