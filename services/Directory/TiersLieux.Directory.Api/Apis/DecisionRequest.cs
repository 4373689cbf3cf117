using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record DecisionRequest(ApplicationStatus? Outcome, string? Note);
