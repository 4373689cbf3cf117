using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Tests.Domain;

public sealed class OpeningHoursTests
{
    // Monday 23 November 2026.
    private static DateTime Monday(int hour, int minute = 0) => new(2026, 11, 23, hour, minute, 0, DateTimeKind.Unspecified);

    private static OpeningHours Parse(string text)
    {
        var (hours, error) = OpeningHours.Parse(text);
        Assert.True(hours is not null, error);
        return hours;
    }

    [Fact]
    public void Weekday_spans_with_a_lunch_break_are_open_only_inside_the_spans()
    {
        var hours = Parse("Mo-Fr 09:00-12:30,14:00-18:00; Sa 10:00-12:00");

        Assert.True(hours.IsOpenAt(Monday(9)));
        Assert.False(hours.IsOpenAt(Monday(12, 30)));
        Assert.False(hours.IsOpenAt(Monday(13)));
        Assert.True(hours.IsOpenAt(Monday(17, 59)));
        Assert.False(hours.IsOpenAt(Monday(18)));
        Assert.True(hours.IsOpenAt(Monday(11).AddDays(5)));
        Assert.False(hours.IsOpenAt(Monday(11).AddDays(6)));
    }

    [Fact]
    public void A_later_rule_replaces_what_an_earlier_one_said_of_its_days()
    {
        var hours = Parse("Mo-Sa 09:00-18:00; We off; Sa 10:00-13:00");

        Assert.True(hours.IsOpenAt(Monday(15)));
        Assert.False(hours.IsOpenAt(Monday(10).AddDays(2)));
        Assert.False(hours.IsOpenAt(Monday(15).AddDays(5)));
        Assert.True(hours.IsOpenAt(Monday(12).AddDays(5)));
    }

    [Fact]
    public void A_span_past_midnight_runs_into_the_next_day_and_Sunday_night_into_Monday()
    {
        var hours = Parse("Fr 18:00-02:00; Su 20:00-01:00");

        Assert.True(hours.IsOpenAt(Monday(1).AddDays(5)));
        Assert.False(hours.IsOpenAt(Monday(2).AddDays(5)));
        Assert.True(hours.IsOpenAt(Monday(0, 30)));
        Assert.Equal([(0, 60), (4 * 1440 + 1080, 5 * 1440 + 120), (6 * 1440 + 1200, OpeningHours.MinutesPerWeek)], hours.Weekly);
    }

    [Theory]
    [InlineData("24/7")]
    [InlineData("Mo,We,Fr 08:30-17:00")]
    [InlineData("Tu-Th,Sa 09:00-24:00; PH off")]
    [InlineData("Su-Tu 10:00-12:00;")]
    [InlineData("off")]
    public void Common_forms_are_accepted(string text) => Parse(text);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Mo-Fr 9h-18h", "not understood")]
    [InlineData("Lu-Ve 09:00-18:00", "not understood")]
    [InlineData("Mo-Fr 09:00-25:00", "not a time span")]
    [InlineData("Mo-Fr 09:60-18:00", "not a time span")]
    [InlineData("Mo 10:00-10:00", "same time")]
    [InlineData("Mo-Fr 09:00-18:00;; Sa off", "empty")]
    [InlineData("Jan-Jun Mo-Fr 09:00-18:00", "not supported")]
    public void Bad_opening_hours_are_refused_with_a_reason(string text, string reason)
    {
        var (hours, error) = OpeningHours.Parse(text);

        Assert.Null(hours);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
