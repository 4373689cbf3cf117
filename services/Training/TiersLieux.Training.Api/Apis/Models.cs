using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record CourseRequest(string? Title, Guid? PlaceId, CourseKind? Kind, decimal? DurationHours, IReadOnlyList<string>? QualificationCodes,
    IReadOnlyList<Guid>? PrerequisiteCourseIds, int? RequiredAttendancePercent);

public sealed record SessionRequest(Guid? CourseId, Guid? PlaceId, Guid? TrainerMemberId, string? TrainerName, int? Capacity, int? Minimum, IReadOnlyList<TimeSlot>? Slots);

public sealed record SessionResponse(Guid Id, Guid CourseId, Guid PlaceId, Guid? TrainerMemberId, string? TrainerName, int Capacity, int Minimum,
    IReadOnlyList<TimeSlot> Slots, decimal Hours, SessionStatus Status, string? CancellationReason, int Confirmed, int Waitlisted)
{
    public static SessionResponse From(TrainingSession s, int confirmed, int waitlisted) => new(s.Id, s.CourseId, s.PlaceId, s.TrainerMemberId, s.TrainerName,
        s.Capacity, s.Minimum, s.Slots, s.Hours, s.Status, s.CancellationReason, confirmed, waitlisted);
}

public sealed record EnrolRequest(Guid? MemberId);

public sealed record EnrolmentResponse(Guid Id, Guid SessionId, Guid MemberId, EnrolmentStatus Status, int? WaitingListPosition, DateTimeOffset EnrolledAt,
    decimal? AttendedHours, bool Completed, string? CertificateCode, EmploymentOutcome? OutcomeAtEnd, EmploymentOutcome? OutcomeAtSixMonths,
    string? CancellationReason = null)
{
    public static EnrolmentResponse From(Enrolment e, int? position = null) => new(e.Id, e.SessionId, e.MemberId, e.Status, position, e.EnrolledAt,
        e.AttendedHours, e.Completed, e.CertificateCode, e.OutcomeAtEnd, e.OutcomeAtSixMonths, e.CancellationReason);
}

public sealed record CancellationRequest(string? Reason);

public sealed record AttendanceEntry(Guid? EnrolmentId, AttendanceStatus? Status);

public sealed record AttendanceRequest(IReadOnlyList<AttendanceEntry>? Entries);

public sealed record OutcomeRequest(EmploymentOutcome? Outcome);

public sealed record CertificateResponse(string Code, string Learner, string Course, string Place, decimal HoursAttended, decimal SessionHours,
    DateOnly CompletedOn, bool Valid);

public sealed record SessionFigures(Guid SessionId, Guid CourseId, string Course, Guid PlaceId, DateTimeOffset StartsAt, CohortFigures Figures);

public sealed record CourseFigures(Guid CourseId, string Course, CourseKind Kind, int Sessions, CohortFigures Figures);

/// <param name="Total">Every session of the period as one cohort (a learner of two sessions counts twice, as in the courses' figures).</param>
public sealed record FiguresReport(DateOnly From, DateOnly To, IReadOnlyList<CourseFigures> Courses, IReadOnlyList<SessionFigures> Sessions, CohortFigures Total);
