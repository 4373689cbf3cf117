namespace TiersLieux.Membership.Api.Apis;

public sealed record RolesRequest(bool? PlaceOperator, IReadOnlyList<Guid>? OperatedPlaceIds, bool? NetworkAdmin);
