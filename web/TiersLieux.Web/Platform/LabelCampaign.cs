namespace TiersLieux.Web.Platform;

/// <summary>A call for the regional label: its period and weighted criteria (directory).</summary>
public sealed record LabelCampaign(Guid Id, int Edition, string Title, DateOnly CallOpensOn, DateOnly CallClosesOn, int LabelValidityMonths,
    IReadOnlyList<LabelCriterion> Criteria, bool Open);
