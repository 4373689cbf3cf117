using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Tests.Domain;

public sealed class ReminderRulesTests
{
    [Fact]
    public void A_booking_is_reminded_at_nine_the_day_before_in_Paris_time()
    {
        // 12 January 2027 at 08:30 UTC (09:30 in Paris): due on the 11th at 09:00 Paris, 08:00 UTC.
        var due = Reminder.BookingDueAt(new(2027, 1, 12, 8, 30, 0, TimeSpan.Zero), new(2027, 1, 5, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2027, 1, 11, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void In_summer_nine_in_Paris_is_seven_UTC()
    {
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 7, 0, 0, TimeSpan.Zero),
            Reminder.BookingDueAt(new(2027, 7, 2, 9, 0, 0, TimeSpan.Zero), new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_booking_for_today_gets_no_reminder_and_one_for_tomorrow_made_late_is_due_at_once()
    {
        var startsAt = new DateTimeOffset(2027, 1, 12, 16, 0, 0, TimeSpan.Zero);
        Assert.Null(Reminder.BookingDueAt(startsAt, new(2027, 1, 12, 7, 0, 0, TimeSpan.Zero)));
        // 23:30 UTC on the 11th is already the 12th in Paris.
        Assert.Null(Reminder.BookingDueAt(startsAt, new(2027, 1, 11, 23, 30, 0, TimeSpan.Zero)));
        var late = new DateTimeOffset(2027, 1, 11, 18, 0, 0, TimeSpan.Zero);
        Assert.True(Reminder.BookingDueAt(startsAt, late) <= late);
    }

    [Fact]
    public void A_subscription_shorter_than_a_week_has_no_ending_soon_notice()
    {
        var now = new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(Reminder.BeforeEnd(now.AddDays(1), TimeSpan.FromDays(7), now));
        Assert.Equal(now.AddDays(23), Reminder.BeforeEnd(now.AddDays(30), TimeSpan.FromDays(7), now));
    }
}
