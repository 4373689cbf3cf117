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

public enum UsageKind
{
    /// <summary>A completed booking of a desk, a seat, a room or an event space.</summary>
    Booking,

    /// <summary>A completed booking of a fablab machine.</summary>
    Machine,

    /// <summary>A learner who completed a course.</summary>
    Training,
}

/// <summary>
/// Hours used at a place, from booking's BookingCompleted and training's TrainingCompleted, keyed by the source's id
/// (a booking, an enrolment) so a repeated event counts once. The member is an opaque id, for counting learners.
/// </summary>
public sealed class UsageTally
{
    public Guid SourceId { get; set; }

    public UsageKind Kind { get; set; }

    /// <summary>Null for a network-wide course: it counts in the region's figures only.</summary>
    public Guid? PlaceId { get; set; }

    public Guid MemberId { get; set; }

    public decimal Hours { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>The figures of one place, or of the whole region, over a period.</summary>
public sealed record IndicatorFigures(int MembersAtEnd, int NewMembers, int ActiveSubscriptionsAtEnd, int SubscriptionsStarted, int SubscriptionsEnded,
    decimal BookedHours, decimal MachineHours, decimal TrainingHours, int Learners)
{
    /// <summary>
    /// Counts over [start, end): members attached at the end, joined during; subscriptions active at the end, started
    /// and ended during; hours booked and used (spaces, machines) and trained, and distinct learners, completed during.
    /// A member or subscription covering several places counts once in the region.
    /// </summary>
    public static IndicatorFigures Count(IEnumerable<MemberTally> members, IEnumerable<SubscriptionTally> subscriptions, IEnumerable<UsageTally> usage,
        DateTimeOffset start, DateTimeOffset end)
    {
        var memberList = members.ToList();
        var subscriptionList = subscriptions.ToList();
        var used = usage.Where(u => u.At >= start && u.At < end).ToList();
        decimal Hours(UsageKind kind) => used.Where(u => u.Kind == kind).Sum(u => u.Hours);
        var last = end.AddTicks(-1);
        return new IndicatorFigures(
            memberList.Count(m => m.RegisteredAt < end && (m.ErasedAt is null || m.ErasedAt >= end)),
            memberList.Count(m => m.RegisteredAt >= start && m.RegisteredAt < end),
            subscriptionList.Count(s => s.IsActiveAt(last)),
            subscriptionList.Count(s => s.StartsAt >= start && s.StartsAt < end),
            subscriptionList.Count(s => s.EndedAt is { } ended && ended >= start && ended < end),
            Hours(UsageKind.Booking),
            Hours(UsageKind.Machine),
            Hours(UsageKind.Training),
            used.Where(u => u.Kind == UsageKind.Training).Select(u => u.MemberId).Distinct().Count());
    }
}
