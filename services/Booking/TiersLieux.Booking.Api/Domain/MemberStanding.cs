namespace TiersLieux.Booking.Api.Domain;

/// <summary>A member's standing for booking (from membership's events).</summary>
public sealed class MemberStanding
{
    public Guid MemberId { get; set; }

    public bool Suspended { get; set; }

    public bool Erased { get; set; }

    /// <summary>The secret of the member's private calendar URL; null until they ask for one.</summary>
    public string? CalendarToken { get; set; }
}
