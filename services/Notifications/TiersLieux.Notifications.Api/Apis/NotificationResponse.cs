using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Apis;

/// <summary>An inbox entry as frontends show it.</summary>
public sealed record NotificationResponse(Guid Id, Guid MemberId, Guid? PlaceId, string Kind, string Category, string Subject, string Body, string? Link,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationResponse Of(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new(notification.Id, notification.MemberId, notification.PlaceId, notification.Kind, notification.Category.ToString().ToLowerInvariant(),
            notification.Subject, notification.Body, notification.Link, notification.CreatedAt, notification.ReadAt);
    }
}
