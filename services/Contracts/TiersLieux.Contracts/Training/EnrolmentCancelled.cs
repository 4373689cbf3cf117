namespace TiersLieux.Contracts.Training;

/// <summary>
/// A member's enrolment (confirmed or on the waiting list) was cancelled before the session started: by the member
/// themselves, or by the place's operator (<paramref name="CancelledBy"/> "member" or "operator"). A freed seat goes
/// to the first one waiting, announced by <see cref="EnrolmentConfirmed"/> with FromWaitingList. Notifications tells a
/// member the place withdrew; the directory's indicators could listen to stop counting a learner who left (not yet).
/// </summary>
public sealed record EnrolmentCancelled(Guid EnrolmentId, Guid SessionId, Guid CourseId, Guid PlaceId, Guid MemberId, string CancelledBy, DateTimeOffset OccurredAt);
