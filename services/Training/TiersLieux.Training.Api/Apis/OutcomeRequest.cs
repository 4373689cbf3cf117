using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record OutcomeRequest(EmploymentOutcome? Outcome);
