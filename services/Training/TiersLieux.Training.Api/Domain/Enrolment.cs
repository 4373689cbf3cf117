using System.Security.Cryptography;

namespace TiersLieux.Training.Api.Domain;

/// <summary>A member's place in a session: confirmed, waiting or cancelled; then completion, certificate and outcomes.</summary>
public sealed class Enrolment
{
    private Enrolment()
    {
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid MemberId { get; private set; }

    public EnrolmentStatus Status { get; private set; }

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>
    /// The order of enrolment, from a database sequence: enrolments to one session are written one at a time (the
    /// session's row is locked), so this is the waiting list's order even when two share a timestamp.
    /// </summary>
    public long Sequence { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public decimal? AttendedHours { get; private set; }

    public bool Completed { get; private set; }

    /// <summary>The code anyone checks the certificate with (public URL); set on completion.</summary>
    public string? CertificateCode { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public EmploymentOutcome? OutcomeAtEnd { get; private set; }

    public EmploymentOutcome? OutcomeAtSixMonths { get; private set; }

    public static Enrolment Create(Guid sessionId, Guid memberId, bool seatFree, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SessionId = sessionId,
        MemberId = memberId,
        Status = seatFree ? EnrolmentStatus.Confirmed : EnrolmentStatus.Waitlisted,
        EnrolledAt = now,
        ConfirmedAt = seatFree ? now : null,
    };

    public bool IsActive => Status != EnrolmentStatus.Cancelled;

    public void Promote(DateTimeOffset now)
    {
        Status = EnrolmentStatus.Confirmed;
        ConfirmedAt = now;
    }

    /// <summary>Why it was cancelled: "member", "operator", or the cancelled session's reason.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>True when it held a seat (which frees for the waiting list).</summary>
    public bool Cancel(string reason)
    {
        var heldSeat = Status == EnrolmentStatus.Confirmed;
        Status = EnrolmentStatus.Cancelled;
        CancellationReason = reason;
        return heldSeat;
    }

    /// <summary>Counts the hours attended; completes the course when they reach the required share.</summary>
    public bool Finish(decimal attendedHours, decimal sessionHours, int requiredPercent, DateTimeOffset now)
    {
        AttendedHours = attendedHours;
        Completed = sessionHours > 0 && attendedHours * 100 >= sessionHours * requiredPercent;
        if (Completed)
        {
            CompletedAt = now;
            CertificateCode = NewCertificateCode();
        }

        return Completed;
    }

    public void RecordOutcome(OutcomeStage stage, EmploymentOutcome outcome)
    {
        if (stage == OutcomeStage.End)
        {
            OutcomeAtEnd = outcome;
        }
        else
        {
            OutcomeAtSixMonths = outcome;
        }
    }

    /// <summary>"Positive exit" as the funders count it: a job, an apprenticeship, a business, or further training.</summary>
    public static bool IsPositive(EmploymentOutcome outcome) => outcome is EmploymentOutcome.PermanentContract or EmploymentOutcome.FixedTermContract
        or EmploymentOutcome.Apprenticeship or EmploymentOutcome.BusinessCreation or EmploymentOutcome.FurtherTraining;

    /// <summary>12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): read over the phone, typed by hand.</summary>
    private static string NewCertificateCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(12, alphabet, (chars, letters) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
            }
        });
    }
}
