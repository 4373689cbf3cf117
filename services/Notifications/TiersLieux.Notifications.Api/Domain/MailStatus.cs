namespace TiersLieux.Notifications.Api.Domain;

public enum MailStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Queued,

    Sent,

    /// <summary>Given up after <see cref="OutgoingMail.MaxAttempts"/> attempts (the address refused, or the relay down for days).</summary>
    Failed,
}
