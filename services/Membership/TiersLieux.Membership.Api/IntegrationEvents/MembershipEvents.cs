using System.Text.Json;
using TiersLieux.Contracts.Membership;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.IntegrationEvents;

/// <summary>Membership's events, built from the state as committed.</summary>
public static class MembershipEvents
{
    public static MemberRegistered Registered(Member member, DateTimeOffset now) =>
        new(member.Id, member.DisplayName, member.Email, member.PlaceIds, member.Version, now, Profile(member));

    public static MemberUpdated Updated(Member member, DateTimeOffset now) =>
        new(member.Id, member.DisplayName, member.Email, member.PlaceIds, member.Version, now, Profile(member));

    public static MemberRolesChanged RolesChanged(Account account, DateTimeOffset now) =>
        new(account.MemberId, account.Roles, account.OperatedPlaceIds, account.Version, now);

    /// <param name="link">The page's address with the token: the only place the token is ever written.</param>
    public static PasswordResetRequested ResetRequested(PasswordLink passwordLink, Uri link, DateTimeOffset now) =>
        new(passwordLink.MemberId, link.ToString(), passwordLink.ExpiresAt, now);

    public static AccountInvitationIssued InvitationIssued(PasswordLink passwordLink, Uri link, DateTimeOffset now) =>
        new(passwordLink.MemberId, link.ToString(), passwordLink.ExpiresAt, now);

    /// <summary>Only with the member's consent (a funder profile exists only then).</summary>
    private static ConsentedProfile? Profile(Member member) => member.FunderProfile is { } profile
        ? new ConsentedProfile(
            profile.Gender is { } gender ? JsonNamingPolicy.KebabCaseLower.ConvertName(gender.ToString()) : null,
            profile.BirthYear,
            profile.PriorityNeighbourhoodResident,
            profile.EmploymentStatus is { } status ? JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString()) : null,
            profile.DisabilityRecognised)
        : null;

    /// <param name="validAt">For a network pass, the places that accept it; otherwise ignored (the plan's place).</param>
    public static SubscriptionActivated Activated(Subscription subscription, Plan plan, IReadOnlyList<Guid> validAt, DateTimeOffset now) =>
        new(subscription.Id, subscription.MemberId, plan.Id, KindName(plan.Kind), plan.PlaceId,
            plan.PlaceId is { } placeId ? [placeId] : validAt, plan.IncludedHours, subscription.StartsAt, subscription.EndsAt, now);

    public static SubscriptionEnded Ended(Subscription subscription, DateTimeOffset now) =>
        new(subscription.Id, subscription.MemberId, subscription.Status == SubscriptionStatus.Cancelled ? "cancelled" : "expired", now);

    public static string KindName(PlanKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
