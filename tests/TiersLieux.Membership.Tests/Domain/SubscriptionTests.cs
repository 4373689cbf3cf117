using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Narbonne = Guid.CreateVersion7();

    internal static Member Member() =>
        TiersLieux.Membership.Api.Domain.Member.Register(new MemberDetails("Camille", "Durand", "camille@example.org", null, null, [Narbonne], null), Now).Member!;

    internal static Plan MonthlyPlan() =>
        Plan.Create(Narbonne, "Coworking au mois", PlanKind.MonthlyCoworking, 15000, 30, new Dictionary<string, int> { ["desk"] = 160 }, Now).Plan!;

    [Fact]
    public void A_subscription_runs_for_the_plan_validity()
    {
        var subscription = Subscription.Start(Member(), MonthlyPlan(), Now, Now);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(Now.AddDays(30), subscription.EndsAt);
    }

    [Fact]
    public void It_expires_at_its_end_and_not_a_moment_before()
    {
        var subscription = Subscription.Start(Member(), MonthlyPlan(), Now, Now);

        Assert.False(subscription.Expire(Now.AddDays(30).AddTicks(-1)));
        Assert.True(subscription.Expire(Now.AddDays(30)));
        Assert.Equal(SubscriptionStatus.Expired, subscription.Status);
        Assert.False(subscription.Expire(Now.AddDays(31)));
    }

    [Fact]
    public void Renewal_adds_one_period_from_the_current_end_and_only_while_running()
    {
        var subscription = Subscription.Start(Member(), MonthlyPlan(), Now, Now);

        Assert.True(subscription.Renew(MonthlyPlan()));
        Assert.Equal(Now.AddDays(60), subscription.EndsAt);
        Assert.True(subscription.Cancel(Now.AddDays(1)));
        Assert.False(subscription.Renew(MonthlyPlan()));
        Assert.False(subscription.Cancel(Now.AddDays(2)));
    }

    [Fact]
    public void A_suspended_member_gets_a_suspended_subscription_active_again_on_reinstatement_if_not_ended()
    {
        var member = Member();
        member.Suspend("Unpaid invoices", Now);
        var subscription = Subscription.Start(member, MonthlyPlan(), Now, Now);

        Assert.Equal(SubscriptionStatus.Suspended, subscription.Status);
        Assert.True(subscription.ReinstateWithMember(Now.AddDays(10)));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);

        subscription.SuspendWithMember();
        Assert.False(subscription.ReinstateWithMember(Now.AddDays(31)));
        Assert.True(subscription.Expire(Now.AddDays(31)));
    }

    [Theory]
    [InlineData(PlanKind.NetworkPass, true, "placeId")]
    [InlineData(PlanKind.DayPass, false, "placeId")]
    public void A_network_pass_has_no_place_and_a_place_plan_has_one(PlanKind kind, bool withPlace, string field)
    {
        var (plan, errors) = Plan.Create(withPlace ? Narbonne : null, "Pass", kind, 1000, 1, null, Now);

        Assert.Null(plan);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void Included_hours_name_known_resource_kinds()
    {
        var (plan, errors) = Plan.Create(Narbonne, "Pack", PlanKind.HourPack, 5000, 90, new Dictionary<string, int> { ["spaceship"] = 10 }, Now);

        Assert.Null(plan);
        Assert.Contains("includedHours", errors.ToDictionary().Keys);
    }
}
