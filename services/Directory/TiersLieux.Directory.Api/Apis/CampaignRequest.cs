using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record CampaignRequest(int? Edition, string? Title, DateOnly? CallOpensOn, DateOnly? CallClosesOn, int? LabelValidityMonths,
    IReadOnlyList<LabelCriterion>? Criteria);
