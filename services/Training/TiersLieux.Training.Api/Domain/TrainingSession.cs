using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Training.Api.Domain;

/// <summary>A session of a course: when (its slots), where, who trains, how many seats and how many to run it.</summary>
public sealed class TrainingSession
{
    public const int MaxSlots = 300;

    private TrainingSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid PlaceId { get; private set; }

    /// <summary>The member who trains (records attendance); null when not named yet.</summary>
    public Guid? TrainerMemberId { get; private set; }

    public string? TrainerName { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>Fewer confirmed learners than this and the session does not run.</summary>
    public int Minimum { get; private set; }

    public List<TimeSlot> Slots { get; private set; } = [];

    public SessionStatus Status { get; private set; }

    public string? CancellationReason { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset StartsAt => Slots[0].StartsAt;

    public DateTimeOffset EndsAt => Slots[^1].EndsAt;

    public decimal Hours => Slots.Sum(slot => slot.Hours);

    public static (TrainingSession? Session, Errors Errors) Schedule(Course course, Guid placeId, Guid? trainerMemberId, string? trainerName, int? capacity, int? minimum,
        IReadOnlyList<TimeSlot>? slots, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        var errors = new Errors().Require("capacity", capacity).Require("slots", slots);
        if (course.PlaceId is { } coursePlace && coursePlace != placeId)
        {
            errors.Add("placeId", "A place's course is given at that place.");
        }

        if (capacity is < 1 or > 1000)
        {
            errors.Add("capacity", "A session has 1 to 1,000 seats.");
        }

        if (minimum is < 0 || minimum > capacity)
        {
            errors.Add("minimum", "The minimum to run is between 0 and the capacity.");
        }

        if (trainerName is { Length: > 200 })
        {
            errors.Add("trainerName", "The trainer's name has 200 characters at most.");
        }

        var ordered = (slots ?? []).OrderBy(slot => slot.StartsAt).ToList();
        if (slots is not null && (ordered.Count is 0 or > MaxSlots))
        {
            errors.Add("slots", $"A session has 1 to {MaxSlots} time slots.");
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            var slot = ordered[i];
            if (slot.EndsAt <= slot.StartsAt || slot.EndsAt - slot.StartsAt > TimeSpan.FromHours(12))
            {
                errors.Add("slots", $"Slot {slot.StartsAt:yyyy-MM-dd HH:mm} ends after it starts, 12 hours at most.");
            }
            else if (i > 0 && slot.StartsAt < ordered[i - 1].EndsAt)
            {
                errors.Add("slots", $"Slots overlap at {slot.StartsAt:yyyy-MM-dd HH:mm}.");
            }
        }

        if (ordered.Count > 0 && ordered[0].StartsAt < now)
        {
            errors.Add("slots", "A session is scheduled in the future.");
        }

        if (ordered.Count > 0 && ordered[^1].EndsAt > now.AddYears(3))
        {
            errors.Add("slots", "A session ends within three years.");
        }

        return errors.Any
            ? (null, errors)
            : (new TrainingSession
            {
                Id = Guid.CreateVersion7(now),
                CourseId = course.Id,
                PlaceId = placeId,
                TrainerMemberId = trainerMemberId,
                TrainerName = trainerName?.Trim(),
                Capacity = capacity!.Value,
                Minimum = minimum ?? 0,
                Slots = [.. ordered.Select(slot => new TimeSlot(slot.StartsAt.ToUniversalTime(), slot.EndsAt.ToUniversalTime()))],
                Status = SessionStatus.Scheduled,
                Version = 1,
            }, errors);
    }

    public bool HasStarted(DateTimeOffset now) => StartsAt <= now;

    /// <summary>How long before it starts a session short of its minimum is announced to its operators.</summary>
    public static readonly TimeSpan BelowMinimumNotice = TimeSpan.FromHours(48);

    /// <summary>When its operators were told it is short of its minimum (once per session).</summary>
    public DateTimeOffset? BelowMinimumAnnouncedAt { get; private set; }

    /// <summary>
    /// Whether the operators must hear now that it is short of its minimum: still scheduled, starting within
    /// <see cref="BelowMinimumNotice"/>, fewer than <see cref="Minimum"/> confirmed, not announced yet.
    /// </summary>
    public bool IsBelowMinimumToAnnounce(int confirmed, DateTimeOffset now) =>
        Status == SessionStatus.Scheduled && BelowMinimumAnnouncedAt is null && confirmed < Minimum && StartsAt > now && StartsAt - now <= BelowMinimumNotice;

    public void AnnounceBelowMinimum(DateTimeOffset now) => BelowMinimumAnnouncedAt = now;

    /// <summary>False when it is not scheduled any more.</summary>
    public bool Cancel(string reason)
    {
        if (Status != SessionStatus.Scheduled)
        {
            return false;
        }

        Status = SessionStatus.Cancelled;
        CancellationReason = reason;
        Version++;
        return true;
    }

    public bool Complete(DateTimeOffset now)
    {
        if (Status != SessionStatus.Scheduled || EndsAt > now)
        {
            return false;
        }

        Status = SessionStatus.Completed;
        Version++;
        return true;
    }
}
