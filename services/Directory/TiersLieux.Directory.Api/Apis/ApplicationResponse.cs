using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record ApplicationResponse(Guid Id, Guid CampaignId, Guid PlaceId, string PlaceName, string Statement, bool Renewal, ApplicationStatus Status,
    double? Score, IReadOnlyList<LabelReview> Reviews, string? DecisionNote, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, int Version)
{
    /// <summary>Reviews name their reviewer only to the network team; the place sees the scores and comments.</summary>
    public static ApplicationResponse From(LabelApplication application, string placeName, bool showReviewers) => new(application.Id,
        application.CampaignId, application.PlaceId, placeName, application.Statement, application.IsRenewal, application.Status, application.Score,
        [.. application.Reviews.Select(review => showReviewers ? review : new LabelReview { Scores = review.Scores, Comment = review.Comment, Score = review.Score, ReviewedAt = review.ReviewedAt })],
        application.DecisionNote, application.SubmittedAt, application.DecidedAt, application.Version);
}
