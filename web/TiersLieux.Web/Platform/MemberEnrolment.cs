namespace TiersLieux.Web.Platform;

/// <summary>One of the member's enrolments in a training session.</summary>
public sealed record MemberEnrolment(Guid Id, Guid SessionId, Guid MemberId, string Status, int? WaitingListPosition, DateTimeOffset EnrolledAt, decimal? AttendedHours, bool Completed, string? CertificateCode, string? CancellationReason,
    string? OutcomeAtEnd = null, string? OutcomeAtSixMonths = null);
