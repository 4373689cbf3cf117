namespace TiersLieux.Directory.Api.Domain;

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
