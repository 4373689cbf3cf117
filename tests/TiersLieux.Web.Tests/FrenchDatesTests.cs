using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

public sealed class FrenchDatesTests
{
    [Theory]
    [InlineData("2026-12-08T09:00", "2026-12-08T08:00:00+00:00")]
    [InlineData("2026-07-08T09:00", "2026-07-08T07:00:00+00:00")]
    public void A_form_s_local_time_is_Paris_time_summer_and_winter(string input, string utc)
    {
        var moment = FrenchDates.FromLocalInput(input);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), moment);
        Assert.Equal(input, FrenchDates.LocalInput(moment!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("demain matin")]
    [InlineData("2026-13-01T09:00")]
    public void What_is_not_a_moment_is_null(string? input) => Assert.Null(FrenchDates.FromLocalInput(input));

    [Fact]
    public void A_period_within_a_day_names_the_day_once_and_midnight_as_24_00()
    {
        var from = new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal("mardi 8 décembre 2026, 09:00 – 18:00", FrenchDates.Period(from, from.AddHours(9)));
        Assert.Equal("mardi 8 décembre 2026, 09:00 – 24:00", FrenchDates.Period(from, from.AddHours(15)));
        Assert.Equal("du mardi 8 décembre 2026 à 09:00 au mercredi 9 décembre 2026 à 10:00", FrenchDates.Period(from, from.AddHours(25)));
    }
}
