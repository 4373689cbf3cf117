using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Tests;

public sealed class MemberVocabularyTests
{
    private static readonly BookableResource Laser = new(Guid.NewGuid(), Guid.NewGuid(), "Découpeuse laser", "machine", 1, Guid.NewGuid(), true,
        SlotMinutes: 30, MinMinutes: 60, MaxMinutes: 180, MaxDaysAhead: 14, MinNoticeMinutes: 1440, RequiredQualification: "laser-cutter");

    [Theory]
    [InlineData("not-qualified", "Vous n'avez pas la qualification requise")]
    [InlineData("qualification-not-recognised", "ne reconnaît pas")]
    [InlineData("no-subscription", "Aucun de vos abonnements")]
    [InlineData("member-suspended", "Votre adhésion est suspendue")]
    [InlineData("outside-opening-hours", "horaires d'ouverture")]
    [InlineData("place-closed", "Le lieu est fermé")]
    [InlineData("period-taken", "n'est plus libre")]
    [InlineData("resource-unavailable", "maintenance ou hors service")]
    public void Every_rule_booking_names_is_told_in_words(string rule, string words) =>
        Assert.Contains(words, MemberVocabulary.BookingRefusal(new PlatformProblem(409, "The booking is refused.", "in English", rule, null), Laser), StringComparison.Ordinal);

    [Fact]
    public void A_period_outside_the_resources_limits_is_explained_with_them() =>
        Assert.Equal("La période demandée ne respecte pas les règles de « Découpeuse laser » : de 1 h à 3 h, par tranches de 30 min, "
            + "réservée au moins 1 jour à l'avance et au plus 14 jours à l'avance.",
            MemberVocabulary.BookingRefusal(new PlatformProblem(422, "Invalid", null, null, new Dictionary<string, string[]> { ["endsAt"] = ["too long"] }), Laser));

    [Fact]
    public void The_cancellation_rule_and_its_refusal_name_the_notice()
    {
        Assert.Equal("Annulable jusqu'à 1 jour avant son début ; ensuite, contactez le lieu.", MemberVocabulary.CancellationRule(Laser));
        Assert.Equal("Trop tard pour annuler en ligne : annulable jusqu'à 1 jour avant son début ; ensuite, contactez le lieu.",
            MemberVocabulary.CancellationRefusal(new PlatformProblem(409, "Too late to cancel.", null, null, null), Laser));
        Assert.Equal("Annulable jusqu'à son début.", MemberVocabulary.CancellationRule(Laser with { MinNoticeMinutes = 0 }));
    }

    [Fact]
    public void A_waiting_enrolment_says_where_it_stands()
    {
        var enrolment = new MemberEnrolment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "waitlisted", 3, DateTimeOffset.UnixEpoch, null, false, null, null);
        Assert.Equal("Sur liste d'attente (position 3)", MemberVocabulary.EnrolmentStatus(enrolment));
        Assert.Equal("Formation suivie", MemberVocabulary.EnrolmentStatus(enrolment with { Status = "confirmed", Completed = true }));
    }

    [Theory]
    [InlineData(30, "30 min")]
    [InlineData(90, "1 h 30")]
    [InlineData(120, "2 h")]
    [InlineData(1440, "1 jour")]
    [InlineData(4320, "3 jours")]
    public void Durations_read_as_people_say_them(int minutes, string words) => Assert.Equal(words, MemberVocabulary.Duration(minutes));
}
