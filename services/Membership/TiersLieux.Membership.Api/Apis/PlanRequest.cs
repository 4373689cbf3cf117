using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record PlanRequest(Guid? PlaceId, string? Name, PlanKind? Kind, int? PriceCents, int? ValidityDays, Dictionary<string, int>? IncludedHours);
