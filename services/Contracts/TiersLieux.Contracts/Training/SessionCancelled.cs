namespace TiersLieux.Contracts.Training;

/// <summary>A session was cancelled (below its minimum, or by its place): everyone enrolled or waiting is told.</summary>
/// <param name="Reason">below-minimum, or the operator's words.</param>
/// <param name="MemberIds">Every member enrolled or on the waiting list when it was cancelled.</param>
public sealed record SessionCancelled(Guid SessionId, Guid CourseId, Guid PlaceId, string Reason, IReadOnlyList<Guid> MemberIds, DateTimeOffset OccurredAt);
