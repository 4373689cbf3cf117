namespace TiersLieux.Web.Platform;

/// <summary>A place's application to a label campaign, its reviews and the decision.</summary>
public sealed record LabelApplication(Guid Id, Guid CampaignId, Guid PlaceId, string PlaceName, string Statement, bool Renewal, string Status,
    double? Score, IReadOnlyList<LabelReview> Reviews, string? DecisionNote, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt);
