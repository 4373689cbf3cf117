namespace TiersLieux.Notifications.Api.Domain;

/// <summary>A course's title, as training announced it with its sessions (SessionScheduled).</summary>
public sealed class NotificationCourse
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";
}
