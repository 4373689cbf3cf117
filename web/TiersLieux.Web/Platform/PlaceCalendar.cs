namespace TiersLieux.Web.Platform;

/// <summary>A place as booking sees it: its closures to come.</summary>
public sealed record PlaceCalendar(Guid PlaceId, string Name, IReadOnlyList<PlaceClosure> Closures);
