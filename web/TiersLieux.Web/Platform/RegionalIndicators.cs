namespace TiersLieux.Web.Platform;

/// <summary>The directory's indicators over a period: the region's figures and each place's.</summary>
public sealed record RegionalIndicators(DateOnly From, DateOnly To, IndicatorFigures? Region, IReadOnlyList<PlaceIndicators> Places);
