namespace TiersLieux.Contracts.Training;

/// <summary>
/// A scheduled session starts within 48 hours with fewer confirmed learners than its minimum to run: its place's
/// operators must decide to keep or cancel it. Announced once per session. Notifications tells the operators.
/// </summary>
public sealed record SessionBelowMinimum(Guid SessionId, Guid CourseId, string CourseTitle, Guid PlaceId, DateTimeOffset StartsAt, int Confirmed, int Minimum,
    DateTimeOffset OccurredAt);
