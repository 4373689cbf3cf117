namespace TiersLieux.Web.Platform;

/// <summary>A session of a course at a place, with its seats taken.</summary>
public sealed record TrainingSession(Guid Id, Guid CourseId, Guid PlaceId, string? TrainerName, int Capacity, int Minimum, IReadOnlyList<TrainingSlot> Slots, decimal Hours, string Status, string? CancellationReason, int Confirmed, int Waitlisted);
