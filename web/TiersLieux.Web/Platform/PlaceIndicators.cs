namespace TiersLieux.Web.Platform;

/// <summary>One place's figures over the period.</summary>
public sealed record PlaceIndicators(Guid PlaceId, string Name, string Department, string Typology, bool Labelled, IndicatorFigures Figures);
