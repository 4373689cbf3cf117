namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// A member as the network's indicators count them: where they are attached and when they joined or left. No name,
/// no contact: the directory keeps only what aggregate figures for funders need.
/// </summary>
public sealed class MemberTally
{
    public Guid MemberId { get; set; }

    public List<Guid> PlaceIds { get; set; } = [];

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the member exercised their right to erasure; they count until then.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>The highest member version applied (events may arrive out of order).</summary>
    public int Version { get; set; }
}

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

/// <summary>The figures of one place, or of the whole region, over a period.</summary>
public sealed record IndicatorFigures(int MembersAtEnd, int NewMembers, int ActiveSubscriptionsAtEnd, int SubscriptionsStarted, int SubscriptionsEnded)
{
    /// <summary>
    /// Counts over [start, end): members attached at the end, joined during; subscriptions active at the end, started
    /// and ended during. A member or subscription covering several places counts once in the region.
    /// </summary>
    public static IndicatorFigures Count(IEnumerable<MemberTally> members, IEnumerable<SubscriptionTally> subscriptions, DateTimeOffset start, DateTimeOffset end)
    {
        var memberList = members.ToList();
        var subscriptionList = subscriptions.ToList();
        var last = end.AddTicks(-1);
        return new IndicatorFigures(
            memberList.Count(m => m.RegisteredAt < end && (m.ErasedAt is null || m.ErasedAt >= end)),
            memberList.Count(m => m.RegisteredAt >= start && m.RegisteredAt < end),
            subscriptionList.Count(s => s.IsActiveAt(last)),
            subscriptionList.Count(s => s.StartsAt >= start && s.StartsAt < end),
            subscriptionList.Count(s => s.EndedAt is { } ended && ended >= start && ended < end));
    }
}
