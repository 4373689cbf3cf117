using TiersLieux.Booking.Api.Domain;
using TiersLieux.Contracts.Equipment;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Booking.Tests.Domain;

public sealed class PlaceRulesTests
{
    private static readonly TimeZoneInfo Paris = NetworkClock.Zone;

    private static DateTimeOffset Paris2026(int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(2026, month, day, hour, minute, 0);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [Theory]
    [InlineData(9, 0, 12, 30, true)]   // the whole morning
    [InlineData(9, 0, 18, 0, false)]   // the whole day: closed at lunch
    [InlineData(8, 30, 10, 0, false)]  // starts before opening
    [InlineData(12, 0, 14, 0, false)]  // runs over the lunch break
    [InlineData(14, 0, 18, 30, false)] // ends after closing
    [InlineData(14, 0, 15, 0, true)]
    public void A_period_is_open_only_when_every_minute_of_it_is(int fromHour, int fromMinute, int toHour, int toMinute, bool open)
    {
        // Monday 09:00-12:30 and 13:30-18:00; 2026-11-30 is a Monday.
        var place = new BookingPlace { OpeningHours = [new WeeklySpan(540, 750), new WeeklySpan(810, 1080)] };
        Assert.Equal(open, place.OpenThroughout(Paris2026(11, 30, fromHour, fromMinute), Paris2026(11, 30, toHour, toMinute)));
    }

    [Fact]
    public void A_span_over_the_end_of_the_week_continues_on_monday_and_no_hours_means_no_restriction()
    {
        // Sunday 20:00 to Monday 02:00, written as two spans as the directory sends them.
        var night = new BookingPlace { OpeningHours = [new WeeklySpan(0, 120), new WeeklySpan(BookingPlace.MinutesPerWeek - 240, BookingPlace.MinutesPerWeek)] };

        Assert.True(night.OpenThroughout(Paris2026(11, 29, 22), Paris2026(11, 30, 1)));
        Assert.False(night.OpenThroughout(Paris2026(11, 29, 22), Paris2026(11, 30, 3)));
        Assert.True(new BookingPlace().OpenThroughout(Paris2026(11, 29, 22), Paris2026(11, 30, 3)));
        Assert.False(new BookingPlace { OpeningHours = [] }.OpenThroughout(Paris2026(11, 30, 10), Paris2026(11, 30, 11)));
    }

    [Fact]
    public void Minutes_of_the_week_follow_paris_time_across_summer_and_winter()
    {
        Assert.Equal(540, BookingPlace.MinuteOfWeek(Paris2026(7, 6, 9)));   // a summer Monday (UTC+2)
        Assert.Equal(540, BookingPlace.MinuteOfWeek(Paris2026(11, 30, 9))); // a winter Monday (UTC+1)
        Assert.Equal((6 * 1440) + 1439, BookingPlace.MinuteOfWeek(Paris2026(11, 29, 23, 59)));
    }

    [Fact]
    public void A_qualification_must_hold_to_the_end_and_come_from_a_place_this_place_recognises()
    {
        var (here, there, member) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var end = Paris2026(12, 1, 12);
        HeldQualification Held(Guid? grantedAt, DateTimeOffset? expires = null, DateTimeOffset? revoked = null) =>
            new() { QualificationId = Guid.NewGuid(), MemberId = member, Code = "laser", GrantedAtPlaceId = grantedAt, ExpiresAt = expires, RevokedAt = revoked };
        var all = new BookingPlace { Id = here };
        var none = new BookingPlace { Id = here, Recognition = RecognitionMode.None };
        var listed = new BookingPlace { Id = here, Recognition = RecognitionMode.Listed, AcceptedPlaceIds = [there] };

        Assert.Null(QualificationRule.Check(null, none, [], end));
        Assert.Equal("not-qualified", QualificationRule.Check("laser", all, [], end)?.Rule);
        Assert.Equal("not-qualified", QualificationRule.Check("laser", all, [Held(here, expires: end.AddMinutes(-1))], end)?.Rule);
        Assert.Equal("not-qualified", QualificationRule.Check("laser", all, [Held(here, revoked: end.AddDays(-3))], end)?.Rule);
        Assert.Null(QualificationRule.Check("laser", all, [Held(there, expires: end)], end));
        Assert.Equal("qualification-not-recognised", QualificationRule.Check("laser", none, [Held(there)], end)?.Rule);
        Assert.Equal("qualification-not-recognised", QualificationRule.Check("laser", none, [Held(null)], end)?.Rule);
        Assert.Null(QualificationRule.Check("laser", none, [Held(there), Held(here)], end));
        Assert.Null(QualificationRule.Check("laser", listed, [Held(there)], end));
        Assert.Null(QualificationRule.Check("laser", listed, [Held(null)], end));
        Assert.Equal("qualification-not-recognised", QualificationRule.Check("laser", listed, [Held(Guid.NewGuid())], end)?.Rule);
    }
}
