namespace TiersLieux.Web.Platform;

/// <summary>A resource's free periods over the days asked.</summary>
public sealed record ResourceAvailability(Guid ResourceId, string Name, string Kind, IReadOnlyList<FreePeriod> Free);
