namespace TiersLieux.Contracts.Training;

/// <summary>A member has a seat in a session: at once, or when promoted from the waiting list.</summary>
public sealed record EnrolmentConfirmed(Guid EnrolmentId, Guid SessionId, Guid CourseId, Guid PlaceId, Guid MemberId, bool FromWaitingList, DateTimeOffset OccurredAt);
