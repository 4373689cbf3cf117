namespace TiersLieux.Web.Platform;

/// <summary>One reviewer's scores by criterion code, and their weighted score (0 to 100).</summary>
public sealed record LabelReview(string Reviewer, IReadOnlyDictionary<string, int> Scores, string? Comment, double Score, DateTimeOffset ReviewedAt);
