using TiersLieux.Messaging;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Booking.Api.Domain;

/// <summary>A span of the week a place is open: minutes of the week on Paris time (Monday 00:00 = 0), end exclusive.</summary>
public sealed record WeeklySpan(int Start, int End);

/// <summary>How a place treats qualifications granted elsewhere (equipment decides; booking keeps a copy).</summary>
public enum RecognitionMode
{
    All,
    None,
    Listed,
}

/// <summary>
/// A place of the network as booking knows it: its name (directory), its weekly opening hours (directory, parsed
/// there), which qualifications it recognises for its machines (equipment). Closures are booking's own.
/// </summary>
public sealed class BookingPlace : IPlaceCopy
{
    public const int MinutesPerWeek = 7 * 24 * 60;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; }

    /// <summary>Null when the place publishes no hours: bookings are then held to the resources' rules only.</summary>
    public List<WeeklySpan>? OpeningHours { get; set; }

    public RecognitionMode Recognition { get; set; } = RecognitionMode.All;

    public List<Guid> AcceptedPlaceIds { get; set; } = [];

    public int RecognitionVersion { get; set; }

    /// <summary>Does the place accept a qualification granted at <paramref name="grantedAt"/> (null: a network training)? As equipment's rule.</summary>
    public bool Accepts(Guid? grantedAt) => grantedAt == Id || Recognition switch
    {
        RecognitionMode.All => true,
        RecognitionMode.Listed => grantedAt is null || AcceptedPlaceIds.Contains(grantedAt.Value),
        _ => false,
    };

    /// <summary>Is the place open for the whole of [start, end) by its weekly hours (Paris wall clock)?</summary>
    public bool OpenThroughout(DateTimeOffset start, DateTimeOffset end)
    {
        if (OpeningHours is null)
        {
            return true;
        }

        // Walk from span to span: each step must start inside an open span; the week wraps from Sunday to Monday.
        var cursor = start;
        while (cursor < end)
        {
            var minute = MinuteOfWeek(cursor);
            var span = OpeningHours.FirstOrDefault(s => s.Start <= minute && minute < s.End);
            if (span is null)
            {
                return false;
            }

            cursor = cursor.AddMinutes(span.End - minute);
        }

        return true;
    }

    public static int MinuteOfWeek(DateTimeOffset instant)
    {
        var local = NetworkClock.Local(instant);
        var day = ((int)local.DayOfWeek + 6) % 7;
        return (day * 24 * 60) + (local.Hour * 60) + local.Minute;
    }
}

/// <summary>A period a place is closed (holidays, works, a private event): nothing of the place is booked then.</summary>
public sealed class Closure
{
    public Guid Id { get; set; }

    public Guid PlaceId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Reason { get; set; } = "";

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;
}

/// <summary>A member's qualification as booking knows it (from equipment's QualificationGranted/Revoked).</summary>
public sealed class HeldQualification
{
    public Guid QualificationId { get; set; }

    public Guid MemberId { get; set; }

    public string Code { get; set; } = "";

    public Guid? GrantedAtPlaceId { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Revoked by an operator or lapsed (equipment announces lapses by age and by disuse).</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Valid for the whole of a booking ending at <paramref name="end"/>.</summary>
    public bool HoldsUntil(DateTimeOffset end) => RevokedAt is null && (ExpiresAt is null || end <= ExpiresAt);
}

/// <summary>
/// A machine that requires a qualification is booked only by a member holding it, valid until the booking ends, granted
/// at a place this place recognises (the same rule as equipment's check).
/// </summary>
public static class QualificationRule
{
    /// <summary>Null when the member may book; otherwise the rule's name and why.</summary>
    public static (string Rule, string Detail)? Check(string? required, BookingPlace place, IEnumerable<HeldQualification> held, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (required is null)
        {
            return null;
        }

        var valid = held.Where(q => q.Code == required && q.HoldsUntil(end)).ToList();
        if (valid.Count == 0)
        {
            return ("not-qualified", $"This machine requires the '{required}' qualification, valid until the booking ends, which the member does not hold.");
        }

        return valid.Any(q => place.Accepts(q.GrantedAtPlaceId))
            ? null
            : ("qualification-not-recognised", $"The member holds '{required}', but granted at a place {place.Name} does not recognise.");
    }
}
