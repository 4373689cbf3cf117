namespace TiersLieux.Equipment.Api.Apis;

public sealed record QualificationTypeRequest(string? Code, string? Name, int? ValidityMonths, int? InactivityMonths);
