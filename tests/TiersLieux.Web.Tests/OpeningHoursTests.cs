using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

public sealed class OpeningHoursTests
{
    [Theory]
    [InlineData("Mo-Fr 08:30-18:30", "du lundi au vendredi : de 08:30 à 18:30")]
    [InlineData("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", "du lundi au vendredi : de 09:00 à 12:00 et de 14:00 à 18:00 ; samedi : de 09:00 à 12:00")]
    [InlineData("Tu,Th 14:00-19:00; Su off", "mardi, jeudi : de 14:00 à 19:00 ; dimanche : fermé")]
    [InlineData("24/7", "tous les jours, 24 h sur 24")]
    public void Common_opening_hours_are_read_in_French(string hours, string french) =>
        Assert.Equal(french, OpeningHours.InFrench(hours));

    [Theory]
    [InlineData("Mo-Fr 08:30-18:30; sunrise-sunset")]
    [InlineData("sur rendez-vous")]
    public void Hours_it_cannot_read_are_shown_as_the_place_wrote_them(string hours) =>
        Assert.Equal(hours, OpeningHours.InFrench(hours));

    [Fact]
    public void No_hours_say_so() => Assert.Equal("Non précisés", OpeningHours.InFrench(null));

    [Theory]
    [InlineData("Mo-Fr 08:30-18:30", new[] { "Mo-Fr 08:30-18:30" })]
    [InlineData("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00", new[] { "Mo-Fr 09:00-12:00", "Mo-Fr 14:00-18:00", "Sa 09:00-12:00" })]
    [InlineData("Tu,Th 14:00-19:00; Su off; PH 10:00-12:00", new[] { "Tu,Th 14:00-19:00" })]
    [InlineData("sur rendez-vous", new string[0])]
    public void Search_engines_get_the_days_and_hours_one_span_at_a_time(string hours, string[] spans) =>
        Assert.Equal(spans, OpeningHours.ForSchemaOrg(hours));
}
