using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// A periodic call for the regional label (appel à labellisation): an edition, a call period during which places
/// apply, weighted criteria, and how long a label granted by this edition lasts.
/// </summary>
public sealed partial class LabelCampaign
{
    public const int MaxScore = 5;

    private LabelCampaign()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>1 for the first call (75 places), 2 for the second (36 more), and so on.</summary>
    public int Edition { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly CallOpensOn { get; private set; }

    /// <summary>The last day applications are received (included).</summary>
    public DateOnly CallClosesOn { get; private set; }

    public int LabelValidityMonths { get; private set; }

    public List<LabelCriterion> Criteria { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsOpenOn(DateOnly day) => CallOpensOn <= day && day <= CallClosesOn;

    /// <summary>The last day a label decided on <paramref name="decidedOn"/> is valid.</summary>
    public DateOnly LabelledUntil(DateOnly decidedOn) => decidedOn.AddMonths(LabelValidityMonths).AddDays(-1);

    public static (LabelCampaign? Campaign, Errors Errors) Create(int? edition, string? title, DateOnly? opensOn, DateOnly? closesOn,
        int? validityMonths, IReadOnlyList<LabelCriterion>? criteria, DateTimeOffset now)
    {
        var errors = new Errors().Require("edition", edition).Require("title", title).Require("callOpensOn", opensOn)
            .Require("callClosesOn", closesOn).Require("labelValidityMonths", validityMonths).Require("criteria", criteria);
        if (edition is < 1 or > 1000)
        {
            errors.Add("edition", "The edition is a number from 1 to 1000.");
        }

        if (title is { Length: > 200 })
        {
            errors.Add("title", "The title has 200 characters at most.");
        }

        if (opensOn is { } opens && closesOn is { } closes && closes < opens)
        {
            errors.Add("callClosesOn", "The call closes on or after the day it opens.");
        }

        if (validityMonths is < 1 or > 120)
        {
            errors.Add("labelValidityMonths", "A label lasts 1 to 120 months.");
        }

        if (criteria is { Count: 0 or > 20 })
        {
            errors.Add("criteria", "A campaign has 1 to 20 criteria.");
        }

        foreach (var criterion in criteria ?? [])
        {
            if (criterion is null || !CodePattern().IsMatch(criterion.Code ?? "") || string.IsNullOrWhiteSpace(criterion.Name) || criterion.Name.Length > 200 || criterion.Weight is < 1 or > 100)
            {
                errors.Add("criteria", "Each criterion has a code (lowercase letters, digits, dashes), a name and a weight from 1 to 100.");
                break;
            }
        }

        if (criteria is not null && criteria.Where(c => c is not null).Select(c => c.Code).Distinct().Count() != criteria.Count)
        {
            errors.Add("criteria", "Criteria codes are unique.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new LabelCampaign
        {
            Id = Guid.CreateVersion7(now),
            Edition = edition!.Value,
            Title = title!.Trim(),
            CallOpensOn = opensOn!.Value,
            CallClosesOn = closesOn!.Value,
            LabelValidityMonths = validityMonths!.Value,
            Criteria = [.. criteria!.Select(c => c with { Code = c.Code.Trim(), Name = c.Name.Trim() })],
            CreatedAt = now,
        }, errors);
    }

    /// <summary>The weighted score of one review, 0 to 100: Σ weight × score / (Σ weight × 5) × 100.</summary>
    public double Score(IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var total = Criteria.Sum(criterion => criterion.Weight * MaxScore);
        return Math.Round(100.0 * Criteria.Sum(criterion => criterion.Weight * scores.GetValueOrDefault(criterion.Code)) / total, 1);
    }

    /// <summary>A review scores every criterion of the campaign, each 0 to 5, and nothing else.</summary>
    public Errors ValidateScores(IReadOnlyDictionary<string, int>? scores)
    {
        var errors = new Errors();
        if (scores is null)
        {
            return errors.Add("scores", "A review scores every criterion.");
        }

        foreach (var missing in Criteria.Select(c => c.Code).Except(scores.Keys))
        {
            errors.Add("scores", $"Criterion '{missing}' is not scored.");
        }

        foreach (var unknown in scores.Keys.Except(Criteria.Select(c => c.Code)))
        {
            errors.Add("scores", $"'{unknown}' is not a criterion of this campaign.");
        }

        foreach (var (code, score) in scores.Where(pair => pair.Value is < 0 or > MaxScore))
        {
            errors.Add("scores", $"The score of '{code}' is {score}: scores go from 0 to {MaxScore}.");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
