using System.Diagnostics.Metrics;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>
/// The mail queue as ops watch it on the dashboard (meter "TiersLieux"): what waits, what left, what was given up,
/// how old the oldest is. Made by the host's meter factory, so that each host (a replica, a test's) reports its own.
/// </summary>
public sealed class MailMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _sendFailures;
    private long _queued;
    private long _failed;
    private double _oldestQueuedSeconds;

    public MailMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(TelemetryNames.Meter);
        _sent = meter.CreateCounter<long>("tierslieux.mail.sent", "{mail}", "Mails the SMTP server accepted.");
        _sendFailures = meter.CreateCounter<long>("tierslieux.mail.send_failures", "{attempt}", "Attempts to send a mail that failed (it is tried again later).");
        meter.CreateObservableGauge("tierslieux.mail.queued", () => Interlocked.Read(ref _queued), "{mail}", "Mails waiting to be sent.");
        meter.CreateObservableGauge("tierslieux.mail.failed", () => Interlocked.Read(ref _failed), "{mail}", "Mails given up after every attempt.");
        meter.CreateObservableGauge("tierslieux.mail.oldest_queued_age", () => Volatile.Read(ref _oldestQueuedSeconds), "s", "Age of the oldest mail waiting to be sent.");
    }

    public void Sent() => _sent.Add(1);

    public void SendFailed(int attempts) => _sendFailures.Add(attempts);

    /// <summary>The queue as the sender last read it from the database.</summary>
    public void RecordQueue(long queued, long failed, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _queued, queued);
        Interlocked.Exchange(ref _failed, failed);
        Volatile.Write(ref _oldestQueuedSeconds, oldestAge.TotalSeconds);
    }
}
