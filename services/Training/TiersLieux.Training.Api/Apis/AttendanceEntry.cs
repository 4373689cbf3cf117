using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record AttendanceEntry(Guid? EnrolmentId, AttendanceStatus? Status);
