using TiersLieux.Contracts.Training;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.IntegrationEvents;

/// <summary>Training's events, built from the state as committed.</summary>
public static class TrainingEvents
{
    public static SessionScheduled Scheduled(TrainingSession session, Course course, DateTimeOffset now) =>
        new(session.Id, course.Id, course.Title, session.PlaceId, session.StartsAt, session.EndsAt, session.Capacity, session.Hours, now);

    public static EnrolmentConfirmed Confirmed(Enrolment enrolment, TrainingSession session, bool fromWaitingList, DateTimeOffset now) =>
        new(enrolment.Id, session.Id, session.CourseId, session.PlaceId, enrolment.MemberId, fromWaitingList, now);

    public static EnrolmentWaitlisted Waitlisted(Enrolment enrolment, TrainingSession session, int position, DateTimeOffset now) =>
        new(enrolment.Id, session.Id, session.CourseId, session.PlaceId, enrolment.MemberId, position, now);

    public static EnrolmentCancelled Cancelled(Enrolment enrolment, TrainingSession session, string cancelledBy, DateTimeOffset now) =>
        new(enrolment.Id, session.Id, session.CourseId, session.PlaceId, enrolment.MemberId, cancelledBy, now);

    public static SessionBelowMinimum BelowMinimum(TrainingSession session, Course course, int confirmed, DateTimeOffset now) =>
        new(session.Id, course.Id, course.Title, session.PlaceId, session.StartsAt, confirmed, session.Minimum, now);

    public static TrainingCompleted Completed(Enrolment enrolment, TrainingSession session, Course course) =>
        new(enrolment.Id, enrolment.MemberId, course.Id, course.Title, session.PlaceId, course.QualificationCodes, enrolment.AttendedHours ?? 0, enrolment.CompletedAt!.Value,
            enrolment.CertificateCode);
}
