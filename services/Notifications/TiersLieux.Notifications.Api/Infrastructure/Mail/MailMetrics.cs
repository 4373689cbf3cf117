using System.Diagnostics.Metrics;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>The mail queue as ops watch it on the dashboard (meter "TiersLieux"): what waits, what left, what was given up, how old the oldest is.</summary>
public static class MailMetrics
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    private static long _queued;
    private static long _failed;
    private static double _oldestQueuedSeconds;

    public static readonly Counter<long> Sent = Meter.CreateCounter<long>("tierslieux.mail.sent", "{mail}", "Mails the SMTP server accepted.");

    public static readonly Counter<long> SendFailures = Meter.CreateCounter<long>("tierslieux.mail.send_failures", "{attempt}", "Attempts to send a mail that failed (it is tried again later).");

    static MailMetrics()
    {
        Meter.CreateObservableGauge("tierslieux.mail.queued", () => Interlocked.Read(ref _queued), "{mail}", "Mails waiting to be sent.");
        Meter.CreateObservableGauge("tierslieux.mail.failed", () => Interlocked.Read(ref _failed), "{mail}", "Mails given up after every attempt.");
        Meter.CreateObservableGauge("tierslieux.mail.oldest_queued_age", () => Volatile.Read(ref _oldestQueuedSeconds), "s", "Age of the oldest mail waiting to be sent.");
    }

    internal static void RecordQueue(long queued, long failed, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _queued, queued);
        Interlocked.Exchange(ref _failed, failed);
        Volatile.Write(ref _oldestQueuedSeconds, oldestAge.TotalSeconds);
    }
}
