using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// A place's application to a label campaign: submitted during the call by the place's operator, scored by
/// reviewers of the network team, then decided by the network: labelled, renewed (a place already labelled) or rejected.
/// </summary>
public sealed class LabelApplication
{
    private LabelApplication()
    {
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid PlaceId { get; private set; }

    /// <summary>Why the place deserves the label, in its own words.</summary>
    public string Statement { get; private set; } = "";

    /// <summary>The place held a label when it applied: the decision is a renewal.</summary>
    public bool IsRenewal { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public List<LabelReview> Reviews { get; private set; } = [];

    public string? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The mean of the reviews' weighted scores (0 to 100), null before the first review.</summary>
    public double? Score => Reviews.Count == 0 ? null : Math.Round(Reviews.Average(review => review.Score), 1);

    public static (LabelApplication? Application, Errors Errors) Submit(LabelCampaign campaign, Place place, string? statement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(place);
        var errors = new Errors();
        var today = NetworkClock.LocalDate(now);
        if (!campaign.IsOpenOn(today))
        {
            errors.Add("campaignId", $"The call of edition {campaign.Edition} runs from {campaign.CallOpensOn:yyyy-MM-dd} to {campaign.CallClosesOn:yyyy-MM-dd}.");
        }

        if (string.IsNullOrWhiteSpace(statement) || statement.Length > 10_000)
        {
            errors.Add("statement", "The statement is required (10,000 characters at most).");
        }

        if (place.Status != PlaceStatus.Active)
        {
            errors.Add("placeId", "A closed place cannot apply.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new LabelApplication
        {
            Id = Guid.CreateVersion7(now),
            CampaignId = campaign.Id,
            PlaceId = place.Id,
            Statement = statement!.Trim(),
            IsRenewal = place.LabelEdition is not null,
            Status = ApplicationStatus.Submitted,
            SubmittedAt = now,
            Version = 1,
        }, errors);
    }

    /// <summary>Records (or replaces) a reviewer's scores; only while the application is undecided.</summary>
    public Errors Review(LabelCampaign campaign, string reviewer, IReadOnlyDictionary<string, int>? scores, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var errors = campaign.ValidateScores(scores);
        if (comment is { Length: > 4000 })
        {
            errors.Add("comment", "The comment has 4,000 characters at most.");
        }

        if (errors.Any)
        {
            return errors;
        }

        Reviews.RemoveAll(review => review.Reviewer == reviewer);
        Reviews.Add(new LabelReview
        {
            Reviewer = reviewer,
            Scores = new Dictionary<string, int>(scores!),
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            Score = campaign.Score(scores!),
            ReviewedAt = now,
        });
        Version++;
        return errors;
    }

    /// <summary>
    /// The network's decision. Labelling needs at least one review; "renewed" is for a place that already held a label,
    /// "labelled" for one that did not. A labelled or renewed place carries the edition's label from the decision day.
    /// </summary>
    public Errors Decide(LabelCampaign campaign, Place place, ApplicationStatus outcome, string decidedBy, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(place);
        var errors = new Errors();
        if (outcome == ApplicationStatus.Submitted)
        {
            errors.Add("outcome", "The outcome is labelled, renewed or rejected.");
        }
        else if (outcome != ApplicationStatus.Rejected && Reviews.Count == 0)
        {
            errors.Add("outcome", "An application is reviewed before it is labelled.");
        }
        else if (outcome == ApplicationStatus.Renewed && !IsRenewal)
        {
            errors.Add("outcome", "Only a place that held a label is renewed: this one is labelled.");
        }
        else if (outcome == ApplicationStatus.Labelled && IsRenewal)
        {
            errors.Add("outcome", "This place held a label: its label is renewed.");
        }

        if (note is { Length: > 4000 })
        {
            errors.Add("note", "The note has 4,000 characters at most.");
        }

        if (errors.Any)
        {
            return errors;
        }

        Status = outcome;
        DecidedBy = decidedBy;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedAt = now;
        Version++;
        if (outcome is ApplicationStatus.Labelled or ApplicationStatus.Renewed)
        {
            place.GrantLabel(campaign.Edition, campaign.LabelledUntil(NetworkClock.LocalDate(now)), now);
        }

        return errors;
    }
}
