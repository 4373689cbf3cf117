using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record CourseRequest(string? Title, Guid? PlaceId, CourseKind? Kind, decimal? DurationHours, IReadOnlyList<string>? QualificationCodes,
    IReadOnlyList<Guid>? PrerequisiteCourseIds, int? RequiredAttendancePercent);
