namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// An email waiting in the service's database until the SMTP server takes it. A sender leases it before sending
/// (so that two replicas never send it at once) and marks it sent after; a sender that dies between the two leaves
/// a lease that expires, and the mail is sent again: at most one duplicate per mail in flight at the time, which
/// carries the same Message-ID, so that mail clients can tell.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAttempts = 30;

    public Guid Id { get; set; }

    public Guid NotificationId { get; set; }

    public string To { get; set; } = "";

    public string ToName { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The one-click unsubscribe address (RFC 8058) of a non-essential mail; null when it is always sent.</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>The secret in <see cref="UnsubscribeUrl"/>: whoever holds the mail may stop that category's mails, without signing in.</summary>
    public string? UnsubscribeToken { get; set; }

    /// <summary>The category the unsubscribe link stops.</summary>
    public NotificationCategory Category { get; set; }

    public MailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>After a failed attempt: 2, 4, 8 s … doubling up to 10 minutes; failed for good after <see cref="MaxAttempts"/>.</summary>
    public void Failed(string error, DateTimeOffset now)
    {
        LeasedUntil = null;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = MailStatus.Failed;
            return;
        }

        NextAttemptAt = now + Backoff(Attempts);
    }

    public void Sent(DateTimeOffset now)
    {
        Status = MailStatus.Sent;
        SentAt = now;
        LeasedUntil = null;
        LastError = null;
    }

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, Math.Clamp(attempts, 1, 10))));
}
