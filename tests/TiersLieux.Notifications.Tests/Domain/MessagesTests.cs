using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Tests.Domain;

public sealed class MessagesTests
{
    [Theory]
    [InlineData("machine-unavailable", "la machine est hors service")]
    [InlineData("place-closed", "le lieu est fermé ce jour-là")]
    [InlineData("member-suspended", "votre adhésion est suspendue")]
    [InlineData("operator", "le lieu l'a annulée")]
    [InlineData("subscription-ended", "votre abonnement a pris fin")]
    [InlineData("qualification-revoked", "vous n'avez plus l'habilitation qu'elle demande")]
    public void A_cancelled_booking_says_why_in_the_members_words(string reason, string words)
    {
        var message = Messages.BookingCancelled("IN'ESS", reason, new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 12, 10, 0, 0, TimeSpan.Zero));

        Assert.Contains($"est annulée : {words}.", message.Paragraphs[0], StringComparison.Ordinal);
        Assert.True(message.Essential);
    }

    [Fact]
    public void The_place_s_own_words_follow_the_reason_when_it_gave_some()
    {
        var (start, end) = (new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 12, 10, 0, 0, TimeSpan.Zero));

        var withNote = Messages.BookingCancelled("IN'ESS", "place-closed", start, end, "  Travaux dans l'espace de coworking ");
        var without = Messages.BookingCancelled("IN'ESS", "place-closed", start, end, " ");

        Assert.Equal("Le mot du lieu : « Travaux dans l'espace de coworking »", withNote.Paragraphs[1]);
        Assert.Equal(withNote.Paragraphs.Count - 1, without.Paragraphs.Count);
        Assert.DoesNotContain(without.Paragraphs, paragraph => paragraph.StartsWith("Le mot du lieu", StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_are_in_Paris_time_in_winter_and_in_summer()
    {
        Assert.Equal("mardi 12 janvier 2027 de 10:00 à 12:00", ParisTime.Period(new(2027, 1, 12, 9, 0, 0, TimeSpan.Zero), new(2027, 1, 12, 11, 0, 0, TimeSpan.Zero)));
        Assert.Equal("jeudi 1er juillet 2027 à 11:30", ParisTime.DayAndTime(new(2027, 7, 1, 9, 30, 0, TimeSpan.Zero)));
        // 23:30 UTC on 31 December is already New Year's Day in Paris.
        Assert.Equal("samedi 1er janvier 2028", ParisTime.Day(new(2027, 12, 31, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_promotion_from_the_waiting_list_is_its_own_message_and_always_sent()
    {
        var promoted = Messages.EnrolmentConfirmed("IN'ESS", "Sécurité découpe laser", fromWaitingList: true);
        var confirmed = Messages.EnrolmentConfirmed("IN'ESS", "Sécurité découpe laser", fromWaitingList: false);

        Assert.Equal("enrolment-promoted", promoted.Kind);
        Assert.True(promoted.Essential);
        Assert.Equal("enrolment-confirmed", confirmed.Kind);
        Assert.False(confirmed.Essential);
    }

    [Theory]
    [InlineData("lapsed: expired on 2027-03-01", "qualification-lapsed", "n'est plus valable : elle a expiré le lundi 1er mars 2027.")]
    [InlineData("lapsed: unused for 12 months", "qualification-lapsed", "n'est plus valable : elle n'a pas servi depuis 12 mois.")]
    [InlineData("usage dangereux de la découpeuse", "qualification-revoked", "Motif : usage dangereux de la découpeuse.")]
    public void A_lapsed_qualification_is_told_in_French_and_a_revoked_one_with_the_operator_s_reason(string reason, string kind, string words)
    {
        var message = Messages.QualificationRevoked("laser-cutter", reason);

        Assert.Equal(kind, message.Kind);
        Assert.Contains(words, message.Paragraphs[0], StringComparison.Ordinal);
        Assert.DoesNotContain("lapsed", string.Join(" ", message.Paragraphs), StringComparison.Ordinal);
        Assert.True(message.Essential);
    }
}
