using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record SessionRequest(Guid? CourseId, Guid? PlaceId, Guid? TrainerMemberId, string? TrainerName, int? Capacity, int? Minimum, IReadOnlyList<TimeSlot>? Slots);
