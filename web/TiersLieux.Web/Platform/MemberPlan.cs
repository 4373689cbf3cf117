namespace TiersLieux.Web.Platform;

/// <summary>A plan: a place's (PlaceId) or the network pass (no place).</summary>
public sealed record MemberPlan(Guid Id, Guid? PlaceId, string Name, string Kind, int PriceCents, int ValidityDays, IReadOnlyDictionary<string, int> IncludedHours);
