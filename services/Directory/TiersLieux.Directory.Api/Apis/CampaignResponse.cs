using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record CampaignResponse(Guid Id, int Edition, string Title, DateOnly CallOpensOn, DateOnly CallClosesOn, int LabelValidityMonths,
    IReadOnlyList<LabelCriterion> Criteria, bool Open)
{
    public static CampaignResponse From(LabelCampaign campaign, DateOnly today) => new(campaign.Id, campaign.Edition, campaign.Title,
        campaign.CallOpensOn, campaign.CallClosesOn, campaign.LabelValidityMonths, campaign.Criteria, campaign.IsOpenOn(today));
}
