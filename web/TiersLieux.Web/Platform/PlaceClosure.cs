namespace TiersLieux.Web.Platform;

/// <summary>A period a place is closed (holidays, works, a private event): booking refuses bookings in it.</summary>
public sealed record PlaceClosure(Guid Id, Guid PlaceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason);
