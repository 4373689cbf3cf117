using TiersLieux.Contracts.Directory;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>The directory's events, built from the place or the label decision as committed.</summary>
public static class DirectoryEvents
{
    public static PlaceRegistered Registered(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt, OpeningSpans(place));

    public static PlaceUpdated Updated(Place place) => new(place.Id, place.Name, TypologyNames.Of(place.Typology),
        place.Commune, place.Postcode, place.Department, place.Latitude, place.Longitude, place.Version, place.UpdatedAt, OpeningSpans(place));

    public static LabelApplicationDecided LabelDecided(LabelApplication application, LabelCampaign campaign, Place place, DateTimeOffset now) =>
        new(application.Id, application.PlaceId, campaign.Id, campaign.Title, campaign.Edition, application.Status.ToString().ToLowerInvariant(),
            application.Status == ApplicationStatus.Rejected ? null : place.LabelledUntil, application.DecisionNote, now);

    /// <summary>The parsed weekly hours (null when the place gives none), so no other service parses OSM syntax.</summary>
    private static List<OpenSpan>? OpeningSpans(Place place) => place.OpeningHours is null
        ? null
        : [.. place.OpenWeekly.Select(span => new OpenSpan(span.LowerBound, span.UpperBound))];
}
