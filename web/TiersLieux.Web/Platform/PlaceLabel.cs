namespace TiersLieux.Web.Platform;

/// <summary>The regional label's edition and the day it runs out.</summary>
public sealed record PlaceLabel(int Edition, DateOnly Until);
