namespace TiersLieux.Booking.Api.Domain;

public enum ResourceKind
{
    Desk,

    /// <summary>An open space of N seats: booked seat by seat.</summary>
    OpenSpace,
    MeetingRoom,
    EventSpace,

    /// <summary>A fablab machine, made bookable from equipment's MachineRegistered (never typed twice).</summary>
    Machine,
}
