namespace TiersLieux.Contracts.Training;

/// <summary>A session of a course was scheduled at a place: the directory shows it in the network's agenda.</summary>
public sealed record SessionScheduled(Guid SessionId, Guid CourseId, string CourseTitle, Guid PlaceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, decimal Hours, DateTimeOffset OccurredAt);
