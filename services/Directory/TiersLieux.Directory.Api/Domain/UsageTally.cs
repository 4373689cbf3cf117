namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// Hours used at a place, from booking's BookingCompleted and training's TrainingCompleted, keyed by the source's id
/// (a booking, an enrolment) so a repeated event counts once. The member is an opaque id, for counting learners.
/// </summary>
public sealed class UsageTally
{
    public Guid SourceId { get; set; }

    public UsageKind Kind { get; set; }

    /// <summary>Null for a network-wide course: it counts in the region's figures only.</summary>
    public Guid? PlaceId { get; set; }

    public Guid MemberId { get; set; }

    public decimal Hours { get; set; }

    public DateTimeOffset At { get; set; }
}
