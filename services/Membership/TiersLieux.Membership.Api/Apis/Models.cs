using TiersLieux.Membership.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

public sealed record FunderProfileRequest(
    bool? Consent,
    Gender? Gender,
    int? BirthYear,
    string? Postcode,
    bool? PriorityNeighbourhoodResident,
    EmploymentStatus? EmploymentStatus,
    bool? DisabilityRecognised);

/// <summary>Every member nullable, so a missing field is named in a 422, not a 400.</summary>
public sealed record MemberRequest(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    Guid? OrganisationId,
    IReadOnlyList<Guid>? PlaceIds,
    FunderProfileRequest? FunderProfile)
{
    public (MemberDetails? Details, Errors Errors) ToDetails(DateTimeOffset now, DateTimeOffset? consentGivenBefore)
    {
        var errors = new Errors().Require("firstName", FirstName).Require("lastName", LastName).Require("email", Email).Require("placeIds", PlaceIds);
        FunderProfile? profile = null;
        if (FunderProfile is { } given)
        {
            if (given.Consent != true)
            {
                // GDPR: these data are kept only with the member's explicit consent.
                errors.Add("funderProfile.consent", "Funder-reporting data are kept only with the member's explicit consent (consent: true).");
            }
            else
            {
                profile = new FunderProfile(consentGivenBefore ?? now, given.Gender, given.BirthYear, given.Postcode?.Trim(),
                    given.PriorityNeighbourhoodResident, given.EmploymentStatus, given.DisabilityRecognised);
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new MemberDetails(FirstName!, LastName!, Email!, Phone, OrganisationId, [.. PlaceIds!.Distinct()], profile);
        return (details, details.Validate(now));
    }
}

public sealed record MemberResponse(
    Guid Id,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    Guid? OrganisationId,
    IReadOnlyList<Guid> PlaceIds,
    FunderProfile? FunderProfile,
    MemberStatus Status,
    string? SuspensionReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MemberResponse From(Member member) => new(member.Id, member.FirstName, member.LastName, member.Email, member.Phone,
        member.OrganisationId, member.PlaceIds, member.FunderProfile, member.Status, member.SuspensionReason, member.Version,
        member.CreatedAt, member.UpdatedAt);
}

public sealed record SuspensionRequest(string? Reason);

public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind, string? Siret);

public sealed record OrganisationResponse(Guid Id, string Name, OrganisationKind Kind, string? Siret, DateTimeOffset CreatedAt)
{
    public static OrganisationResponse From(Organisation organisation) =>
        new(organisation.Id, organisation.Name, organisation.Kind, organisation.Siret, organisation.CreatedAt);
}

public sealed record PlanRequest(Guid? PlaceId, string? Name, PlanKind? Kind, int? PriceCents, int? ValidityDays, Dictionary<string, int>? IncludedHours);

public sealed record PlanResponse(Guid Id, Guid? PlaceId, string Name, PlanKind Kind, int PriceCents, int ValidityDays, IReadOnlyDictionary<string, int> IncludedHours)
{
    public static PlanResponse From(Plan plan) => new(plan.Id, plan.PlaceId, plan.Name, plan.Kind, plan.PriceCents, plan.ValidityDays, plan.IncludedHours);
}

public sealed record SubscriptionRequest(Guid? MemberId, Guid? PlanId, DateTimeOffset? StartsAt);

public sealed record SubscriptionResponse(Guid Id, Guid MemberId, Guid PlanId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SubscriptionStatus Status, int Renewals, DateTimeOffset? EndedAt)
{
    public static SubscriptionResponse From(Subscription subscription) => new(subscription.Id, subscription.MemberId, subscription.PlanId,
        subscription.StartsAt, subscription.EndsAt, subscription.Status, subscription.Renewals, subscription.EndedAt);
}
