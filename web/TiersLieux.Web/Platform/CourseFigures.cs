namespace TiersLieux.Web.Platform;

/// <summary>One course's sessions of a period, as one cohort.</summary>
public sealed record CourseFigures(Guid CourseId, string Course, string Kind, int Sessions, CohortFigures Figures);
