namespace TiersLieux.Messaging;

/// <summary>
/// A message a consumer has applied: written in the same transaction as the consumer's effect, so a redelivered
/// or duplicated message (same message id) finds it and has no second effect.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The consumer's type name: one message may be applied once by each of a service's consumers.</summary>
    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
