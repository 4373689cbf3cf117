namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// One thing a member was told: an entry of their inbox, created once per (event, recipient, kind) in the same
/// transaction as the inbox claim of the event that caused it; its email, if any, is an <see cref="OutgoingMail"/>.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>The order notifications were made in (the database's), newest first in the inbox even within one clock tick.</summary>
    public long Sequence { get; set; }

    public Guid MemberId { get; set; }

    /// <summary>The place it is about, for operators' place scoping; null for the network.</summary>
    public Guid? PlaceId { get; set; }

    /// <summary>The event's message id: with <see cref="MemberId"/> and <see cref="Kind"/>, unique.</summary>
    public Guid SourceMessageId { get; set; }

    public string Kind { get; set; } = "";

    public NotificationCategory Category { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>The message as plain text, as the inbox shows it.</summary>
    public string Body { get; set; } = "";

    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}
