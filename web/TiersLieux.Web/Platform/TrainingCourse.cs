namespace TiersLieux.Web.Platform;

/// <summary>A course of the catalogue: a place's, or the network's (no place).</summary>
public sealed record TrainingCourse(Guid Id, string Title, Guid? PlaceId, string Kind, decimal DurationHours, IReadOnlyList<string> QualificationCodes, int RequiredAttendancePercent);
