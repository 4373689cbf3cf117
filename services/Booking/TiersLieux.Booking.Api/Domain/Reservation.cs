using NpgsqlTypes;

namespace TiersLieux.Booking.Api.Domain;

/// <summary>
/// A member's booking of a resource for a period. The period is a PostgreSQL tstzrange so that an exclusion
/// constraint refuses any overlap on a single resource, whatever races; seats of an open space are counted under
/// the resource's row lock.
/// </summary>
public sealed class Reservation
{
    private Reservation()
    {
    }

    public Guid Id { get; private set; }

    public Guid ResourceId { get; private set; }

    public Guid PlaceId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>[start, end): a booking ending at 10:00 and one starting at 10:00 do not overlap.</summary>
    public NpgsqlRange<DateTimeOffset> Period { get; private set; }

    /// <summary>Copied from the resource: the exclusion constraint applies to exclusive resources only.</summary>
    public bool Exclusive { get; private set; }

    public BookingStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public CancellationReason? CancellationReason { get; private set; }

    /// <summary>What an operator tells the member when cancelling, and a closure's reason passed on to them.</summary>
    public const int MaxCancellationNoteLength = 500;

    /// <summary>The place's own words to the member when it cancelled (an operator's note, a closure's reason).</summary>
    public string? CancellationNote { get; private set; }

    public DateTimeOffset StartsAt => Period.LowerBound;

    public DateTimeOffset EndsAt => Period.UpperBound;

    public static Reservation Create(Resource resource, Guid memberId, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new Reservation
        {
            Id = Guid.CreateVersion7(now),
            ResourceId = resource.Id,
            PlaceId = resource.PlaceId,
            MemberId = memberId,
            Period = new NpgsqlRange<DateTimeOffset>(startsAt.ToUniversalTime(), true, endsAt.ToUniversalTime(), false),
            Exclusive = resource.Exclusive,
            Status = BookingStatus.Confirmed,
            CreatedAt = now,
        };
    }

    /// <summary>Its period is over and it was not cancelled: it was used. False when not confirmed.</summary>
    public bool Complete()
    {
        if (Status != BookingStatus.Confirmed)
        {
            return false;
        }

        Status = BookingStatus.Completed;
        return true;
    }

    /// <summary>
    /// The member did not come: marked by the place once the booking has started (it is then not completed, so its
    /// hours count neither as use of a machine nor in the place's figures).
    /// </summary>
    public NoShowOutcome MarkNoShow(DateTimeOffset now)
    {
        if (Status != BookingStatus.Confirmed)
        {
            return NoShowOutcome.NotConfirmed;
        }

        if (now < StartsAt)
        {
            return NoShowOutcome.NotStarted;
        }

        Status = BookingStatus.NoShow;
        return NoShowOutcome.Marked;
    }

    /// <summary>
    /// The member's own cancellation: at least the resource's notice before the start (the place may cancel later,
    /// <see cref="Cancel"/>).
    /// </summary>
    public CancellationOutcome CancelAsMember(Resource resource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (StartsAt < now.AddMinutes(resource.MinNoticeMinutes))
        {
            return CancellationOutcome.TooLate;
        }

        return Cancel(Domain.CancellationReason.Member) ? CancellationOutcome.Cancelled : CancellationOutcome.NotConfirmed;
    }

    /// <summary>The place's cancellation, at any time (an operator, a closure, the machine, the member's standing); false when it is not confirmed any more.</summary>
    public bool Cancel(CancellationReason reason, string? note = null)
    {
        if (Status != BookingStatus.Confirmed)
        {
            return false;
        }

        Status = BookingStatus.Cancelled;
        CancellationReason = reason;
        CancellationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return true;
    }
}
