using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record PlaceIndicators(Guid PlaceId, string Name, string Department, PlaceTypology Typology, bool Labelled, IndicatorFigures Figures);
