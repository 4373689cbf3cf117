namespace TiersLieux.Testing.Messaging;

/// <summary>What the test consumer does with a PlaceRegistered: one row per place, counting how often it was applied.</summary>
public sealed class PlaceEffect
{
    public Guid PlaceId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Exactly once means this stays 1, whatever the broker, the publisher or the database went through.</summary>
    public int Applications { get; set; }

    public DateTimeOffset PlaceUpdatedAt { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>The trace the consumer ran in: the HTTP request's, if trace context flowed through the outbox.</summary>
    public string? TraceId { get; set; }
}
