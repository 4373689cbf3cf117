using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record SessionResponse(Guid Id, Guid CourseId, Guid PlaceId, Guid? TrainerMemberId, string? TrainerName, int Capacity, int Minimum,
    IReadOnlyList<TimeSlot> Slots, decimal Hours, SessionStatus Status, string? CancellationReason, int Confirmed, int Waitlisted)
{
    public static SessionResponse From(TrainingSession s, int confirmed, int waitlisted) => new(s.Id, s.CourseId, s.PlaceId, s.TrainerMemberId, s.TrainerName,
        s.Capacity, s.Minimum, s.Slots, s.Hours, s.Status, s.CancellationReason, confirmed, waitlisted);
}
