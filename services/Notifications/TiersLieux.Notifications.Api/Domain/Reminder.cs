using TiersLieux.ServiceDefaults;

namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// Something to tell a member later, on time: the day before a booking, seven days before a subscription ends,
/// thirty days before a qualification lapses. Made from the event that announced the thing, dropped when it is
/// cancelled, sent once by <c>Jobs.ReminderJob</c>.
/// </summary>
public sealed class Reminder
{
    public const string BookingTomorrow = "booking-reminder";
    public const string SubscriptionEnding = "subscription-ending";
    public const string QualificationLapsing = "qualification-lapsing";

    /// <summary>The booking's, subscription's or qualification's id.</summary>
    public Guid SubjectId { get; set; }

    public string Kind { get; set; } = "";

    public Guid MemberId { get; set; }

    public Guid? PlaceId { get; set; }

    /// <summary>What it is about: the resource's kind, the plan's kind, the qualification's code.</summary>
    public string Detail { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// The day before the booking (Paris time), from 9:00; a booking made later on that day is reminded at once, and a
    /// booking for today or already begun gets no reminder (null).
    /// </summary>
    public static DateTimeOffset? BookingDueAt(DateTimeOffset startsAt, DateTimeOffset now)
    {
        var day = ParisTime.Of(startsAt).Date;
        if (ParisTime.Of(now).Date >= day)
        {
            return null;
        }

        var dayBefore = day.AddDays(-1).AddHours(9);
        // In UTC: the database keeps instants.
        return NetworkClock.Instant(dayBefore);
    }

    /// <summary><paramref name="before"/> the end; null when that moment has passed already (a day pass has no "ends in 7 days").</summary>
    public static DateTimeOffset? BeforeEnd(DateTimeOffset endsAt, TimeSpan before, DateTimeOffset now) =>
        endsAt - before > now ? endsAt - before : null;
}
