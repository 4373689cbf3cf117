namespace TiersLieux.Directory.Api.Domain;

public enum UsageKind
{
    /// <summary>A completed booking of a desk, a seat, a room or an event space.</summary>
    Booking,

    /// <summary>A completed booking of a fablab machine.</summary>
    Machine,

    /// <summary>A learner who completed a course.</summary>
    Training,
}
