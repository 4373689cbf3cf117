using TiersLieux.Contracts.Directory;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>The directory's events about label campaigns, built from the decision as committed.</summary>
public static class LabelEvents
{
    public static LabelApplicationDecided Decided(LabelApplication application, LabelCampaign campaign, Place place, DateTimeOffset now) =>
        new(application.Id, application.PlaceId, campaign.Id, campaign.Title, campaign.Edition, application.Status.ToString().ToLowerInvariant(),
            application.Status == ApplicationStatus.Rejected ? null : place.LabelledUntil, application.DecisionNote, now);
}
