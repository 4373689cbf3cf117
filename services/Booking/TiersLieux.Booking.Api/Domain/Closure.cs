namespace TiersLieux.Booking.Api.Domain;

/// <summary>A period a place is closed (holidays, works, a private event): nothing of the place is booked then.</summary>
public sealed class Closure
{
    public Guid Id { get; set; }

    public Guid PlaceId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Reason { get; set; } = "";

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;
}
