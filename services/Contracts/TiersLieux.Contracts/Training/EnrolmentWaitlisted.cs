namespace TiersLieux.Contracts.Training;

/// <summary>
/// A member enrolled in a full session and is on its waiting list, at <paramref name="Position"/> (1 is next). When a
/// seat frees they are promoted in order, and <see cref="EnrolmentConfirmed"/> follows with FromWaitingList. Notifications
/// tells the member where they stand.
/// </summary>
public sealed record EnrolmentWaitlisted(Guid EnrolmentId, Guid SessionId, Guid CourseId, Guid PlaceId, Guid MemberId, int Position, DateTimeOffset OccurredAt);
