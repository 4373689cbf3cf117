namespace TiersLieux.Web.Platform;

/// <summary>A free stretch of a resource and the seats left throughout.</summary>
public sealed record FreePeriod(DateTimeOffset From, DateTimeOffset To, int SeatsLeft);
