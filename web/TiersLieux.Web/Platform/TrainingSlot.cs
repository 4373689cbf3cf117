namespace TiersLieux.Web.Platform;

/// <summary>One sitting of a training session.</summary>
public sealed record TrainingSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt);
