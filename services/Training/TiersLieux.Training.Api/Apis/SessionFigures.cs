using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record SessionFigures(Guid SessionId, Guid CourseId, string Course, Guid PlaceId, DateTimeOffset StartsAt, CohortFigures Figures);
