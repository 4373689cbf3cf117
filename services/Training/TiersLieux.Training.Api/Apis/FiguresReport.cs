using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

/// <param name="Total">Every session of the period as one cohort (a learner of two sessions counts twice, as in the courses' figures).</param>
public sealed record FiguresReport(DateOnly From, DateOnly To, IReadOnlyList<CourseFigures> Courses, IReadOnlyList<SessionFigures> Sessions, CohortFigures Total);
