namespace TiersLieux.Booking.Api.Domain;

public enum NoShowOutcome
{
    Marked,
    NotStarted,
    NotConfirmed,
}
