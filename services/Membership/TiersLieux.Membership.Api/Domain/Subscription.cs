namespace TiersLieux.Membership.Api.Domain;

/// <summary>A member's right to use places, bought as a plan, from a start to an end.</summary>
public sealed class Subscription
{
    private Subscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid PlanId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public int Renewals { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public static Subscription Start(Member member, Plan plan, DateTimeOffset startsAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(plan);
        return new Subscription
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            PlanId = plan.Id,
            StartsAt = startsAt,
            EndsAt = startsAt.AddDays(plan.ValidityDays),
            Status = member.Status == MemberStatus.Suspended ? SubscriptionStatus.Suspended : SubscriptionStatus.Active,
            CreatedAt = now,
        };
    }

    public bool IsDue(DateTimeOffset now) => Status is SubscriptionStatus.Active or SubscriptionStatus.Suspended && EndsAt <= now;

    /// <summary>Ends it on time; false if it was not due (nothing changes).</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            return false;
        }

        Status = SubscriptionStatus.Expired;
        EndedAt = now;
        return true;
    }

    public bool Cancel(DateTimeOffset now)
    {
        if (Status is SubscriptionStatus.Expired or SubscriptionStatus.Cancelled)
        {
            return false;
        }

        Status = SubscriptionStatus.Cancelled;
        EndedAt = now;
        return true;
    }

    /// <summary>One more period of the plan, from the current end. Only a running subscription renews.</summary>
    public bool Renew(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Status != SubscriptionStatus.Active)
        {
            return false;
        }

        EndsAt = EndsAt.AddDays(plan.ValidityDays);
        Renewals++;
        return true;
    }

    public void SuspendWithMember()
    {
        if (Status == SubscriptionStatus.Active)
        {
            Status = SubscriptionStatus.Suspended;
        }
    }

    /// <summary>True when it is active again (and so must be announced again).</summary>
    public bool ReinstateWithMember(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Suspended || EndsAt <= now)
        {
            return false;
        }

        Status = SubscriptionStatus.Active;
        return true;
    }
}
