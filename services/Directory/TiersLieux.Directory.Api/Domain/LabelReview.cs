namespace TiersLieux.Directory.Api.Domain;

/// <summary>One reviewer's scores of an application, by criterion code.</summary>
public sealed class LabelReview
{
    public string Reviewer { get; set; } = "";

    public Dictionary<string, int> Scores { get; set; } = [];

    public string? Comment { get; set; }

    public double Score { get; set; }

    public DateTimeOffset ReviewedAt { get; set; }
}
