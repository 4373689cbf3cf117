using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Tests.Domain;

public sealed class CancellationRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 8, 9, 0, 0, TimeSpan.Zero);

    private static readonly Resource Room = Resource.Create(Guid.NewGuid(), "Salle Garonne", ResourceKind.MeetingRoom, null, new ResourceRules(MinNoticeMinutes: 120)).Resource!;

    private static Reservation BookingStartingIn(TimeSpan lead) => Reservation.Create(Room, Guid.NewGuid(), Now + lead, Now + lead + TimeSpan.FromHours(1), Now - TimeSpan.FromDays(1));

    [Fact]
    public void A_member_cancels_up_to_the_notice_before_the_start()
    {
        var booking = BookingStartingIn(TimeSpan.FromMinutes(120));

        Assert.Equal(CancellationOutcome.Cancelled, booking.CancelAsMember(Room, Now));
        Assert.Equal((BookingStatus.Cancelled, CancellationReason.Member), (booking.Status, booking.CancellationReason));
    }

    [Fact]
    public void Inside_the_notice_the_member_is_refused_and_the_booking_stands()
    {
        var booking = BookingStartingIn(TimeSpan.FromMinutes(119));

        Assert.Equal(CancellationOutcome.TooLate, booking.CancelAsMember(Room, Now));
        Assert.Equal((BookingStatus.Confirmed, (CancellationReason?)null), (booking.Status, booking.CancellationReason));
    }

    [Fact]
    public void Inside_the_notice_the_place_still_cancels_with_its_reason_and_note()
    {
        var booking = BookingStartingIn(TimeSpan.FromMinutes(10));

        Assert.True(booking.Cancel(CancellationReason.Operator, "  Fuite d'eau dans la salle "));
        Assert.Equal((BookingStatus.Cancelled, CancellationReason.Operator, "Fuite d'eau dans la salle"),
            (booking.Status, booking.CancellationReason, booking.CancellationNote));
    }

    [Fact]
    public void A_booking_no_longer_confirmed_is_not_cancelled_again()
    {
        var booking = BookingStartingIn(TimeSpan.FromDays(1));
        Assert.True(booking.Cancel(CancellationReason.PlaceClosed));

        Assert.Equal(CancellationOutcome.NotConfirmed, booking.CancelAsMember(Room, Now));
        Assert.False(booking.Cancel(CancellationReason.Operator));
        Assert.Equal(CancellationReason.PlaceClosed, booking.CancellationReason);
    }
}
