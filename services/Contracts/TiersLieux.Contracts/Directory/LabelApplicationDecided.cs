namespace TiersLieux.Contracts.Directory;

/// <summary>
/// The network decided a place's application to a label campaign. Notifications tells the place's operators (the
/// decision, its note, until when the label holds); the place's new label state also goes out as PlaceUpdated.
/// </summary>
/// <param name="Outcome">labelled, renewed or rejected.</param>
/// <param name="LabelledUntil">The last day the label holds; null when rejected.</param>
/// <param name="Note">The network's words to the place; null when none.</param>
public sealed record LabelApplicationDecided(Guid ApplicationId, Guid PlaceId, Guid CampaignId, string CampaignTitle, int Edition, string Outcome,
    DateOnly? LabelledUntil, string? Note, DateTimeOffset OccurredAt);
