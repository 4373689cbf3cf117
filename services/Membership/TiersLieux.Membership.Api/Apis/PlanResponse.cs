using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record PlanResponse(Guid Id, Guid? PlaceId, string Name, PlanKind Kind, int PriceCents, int ValidityDays, IReadOnlyDictionary<string, int> IncludedHours)
{
    public static PlanResponse From(Plan plan) => new(plan.Id, plan.PlaceId, plan.Name, plan.Kind, plan.PriceCents, plan.ValidityDays, plan.IncludedHours);
}
