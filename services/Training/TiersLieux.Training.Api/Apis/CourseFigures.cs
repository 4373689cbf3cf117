using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record CourseFigures(Guid CourseId, string Course, CourseKind Kind, int Sessions, CohortFigures Figures);
