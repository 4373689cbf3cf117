namespace TiersLieux.Directory.Api.Domain;

/// <summary>A subscription as the indicators count it: the places it covers and when it ran.</summary>
public sealed class SubscriptionTally
{
    public Guid SubscriptionId { get; set; }

    public List<Guid> PlaceIds { get; set; } = [];

    public string PlanKind { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Set when it was cancelled or expired; it stops counting then.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset instant) => StartsAt <= instant && instant < (EndedAt is { } ended && ended < EndsAt ? ended : EndsAt);
}
