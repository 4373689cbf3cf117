namespace TiersLieux.Booking.Api.Domain;

/// <summary>What a member's subscription lets them book: where, which kinds, when (from membership's events).</summary>
public sealed class Entitlement
{
    public Guid SubscriptionId { get; set; }

    public Guid MemberId { get; set; }

    public List<Guid> PlaceIds { get; set; } = [];

    /// <summary>The resource kinds the plan includes hours of; empty means every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public bool Covers(Guid placeId, ResourceKind kind, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        PlaceIds.Contains(placeId) && (Kinds.Count == 0 || Kinds.Contains(Resource.KindName(kind)))
        && StartsAt <= startsAt && endsAt <= (EndedAt is { } ended && ended < EndsAt ? ended : EndsAt);
}
