using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Apis;

public sealed record EnrolmentResponse(Guid Id, Guid SessionId, Guid MemberId, EnrolmentStatus Status, int? WaitingListPosition, DateTimeOffset EnrolledAt,
    decimal? AttendedHours, bool Completed, string? CertificateCode, EmploymentOutcome? OutcomeAtEnd, EmploymentOutcome? OutcomeAtSixMonths,
    string? CancellationReason = null)
{
    public static EnrolmentResponse From(Enrolment e, int? position = null) => new(e.Id, e.SessionId, e.MemberId, e.Status, position, e.EnrolledAt,
        e.AttendedHours, e.Completed, e.CertificateCode, e.OutcomeAtEnd, e.OutcomeAtSixMonths, e.CancellationReason);
}
