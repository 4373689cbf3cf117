using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>The regional label a place carries (edition and expiry); null for a place not (yet) labelled.</summary>
public sealed record LabelResponse(int Edition, DateOnly Until)
{
    public static LabelResponse? Of(Place place) =>
        place is { LabelEdition: { } edition, LabelledUntil: { } until } ? new LabelResponse(edition, until) : null;
}
