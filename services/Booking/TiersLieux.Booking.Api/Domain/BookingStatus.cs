namespace TiersLieux.Booking.Api.Domain;

public enum BookingStatus
{
    Confirmed,
    Cancelled,
    Completed,
    NoShow,
}
