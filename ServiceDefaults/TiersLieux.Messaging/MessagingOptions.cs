namespace TiersLieux.Messaging;

/// <summary>How failed deliveries are retried (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    /// <summary>Retries in the consumer, a few hundred milliseconds apart: for a lost race or a dropped connection.</summary>
    public int ImmediateRetries { get; set; } = 3;

    /// <summary>Used when configuration gives no delays: 5 s, 30 s, 2 min, 10 min.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRedeliveryDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>
    /// Then the message waits on the broker (a TTL queue per delay, dead-lettered back to the consumer's queue) and is
    /// delivered again after each of these delays: for an outage of a database or a peer. After the last one it goes
    /// to the <c>_error</c> queue. Empty here so that configuration replaces the whole ladder (a list binds by
    /// appending); <see cref="DefaultRedeliveryDelays"/> apply when none is configured.
    /// </summary>
    public List<TimeSpan> RedeliveryDelays { get; set; } = [];

    /// <summary>Failures that no retry can fix: the message goes to the _error queue at once.</summary>
    public static bool IsPermanent(Exception error) => error is InvalidMessageException
        or System.ComponentModel.DataAnnotations.ValidationException
        or System.Text.Json.JsonException
        or ArgumentException;
}
