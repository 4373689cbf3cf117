using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Booking.Api.Domain;

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
    public bool Accepts(Guid? grantedAt) => RecognitionRule.Accepts(Id, Recognition, AcceptedPlaceIds, grantedAt);

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
