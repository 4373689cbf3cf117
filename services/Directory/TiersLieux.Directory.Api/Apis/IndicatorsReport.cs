using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record IndicatorsReport(DateOnly From, DateOnly To, IndicatorFigures? Region, IReadOnlyList<PlaceIndicators> Places);
