namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// A member who chose not to receive one category's emails (from their preferences, or one click in a mail). Their
/// inbox still gets the notification; essential messages (security, cancellations, accounts) are mailed anyway.
/// </summary>
public sealed class EmailOptOut
{
    public Guid MemberId { get; set; }

    public NotificationCategory Category { get; set; }

    public DateTimeOffset At { get; set; }
}
