namespace TiersLieux.Web.Platform;

/// <summary>Training's figures for the sessions starting in a period: per course, and the whole period.</summary>
public sealed record TrainingFigures(DateOnly From, DateOnly To, IReadOnlyList<CourseFigures> Courses, CohortFigures Total);
