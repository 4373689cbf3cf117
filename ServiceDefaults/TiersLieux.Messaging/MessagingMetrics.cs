using System.Diagnostics.Metrics;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Messaging;

/// <summary>The message pipe's health as OpenTelemetry metrics (meter "TiersLieux"): what ops watch to see it stall.</summary>
public static class MessagingMetrics
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    private static long _outboxBacklog;
    private static double _oldestUnsentSeconds;

    public static readonly Counter<long> OutboxPublished = Meter.CreateCounter<long>("tierslieux.outbox.published", "{message}", "Outbox messages published and confirmed by the broker.");

    public static readonly Counter<long> OutboxPublishFailures = Meter.CreateCounter<long>("tierslieux.outbox.publish_failures", "{failure}", "Failed attempts to publish an outbox message.");

    public static readonly Counter<long> ConsumerFailures = Meter.CreateCounter<long>("tierslieux.consumer.failures", "{failure}", "Deliveries whose consumer failed after its immediate retries.");

    public static readonly Counter<long> Redeliveries = Meter.CreateCounter<long>("tierslieux.consumer.redeliveries", "{message}", "Messages parked for delayed redelivery.");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("tierslieux.consumer.dead_lettered", "{message}", "Messages sent to their _error queue.");

    public static readonly Counter<long> DuplicatesIgnored = Meter.CreateCounter<long>("tierslieux.inbox.duplicates", "{message}", "Deliveries the inbox recognised as already applied.");

    static MessagingMetrics()
    {
        Meter.CreateObservableGauge("tierslieux.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}", "Outbox messages not yet published.");
        Meter.CreateObservableGauge("tierslieux.outbox.oldest_unsent_age", () => Volatile.Read(ref _oldestUnsentSeconds), "s", "Age of the oldest unpublished outbox message.");
    }

    internal static void RecordBacklog(long count, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _outboxBacklog, count);
        Volatile.Write(ref _oldestUnsentSeconds, oldestAge.TotalSeconds);
    }
}
