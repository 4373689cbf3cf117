namespace TiersLieux.Booking.Api.Domain;

public enum CancellationOutcome
{
    Cancelled,

    /// <summary>A member's cancellation inside the resource's notice: only the place cancels it now.</summary>
    TooLate,

    NotConfirmed,
}
