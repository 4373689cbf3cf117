using TiersLieux.Messaging;

namespace TiersLieux.Notifications.Api.Domain;

/// <summary>A place's name, signed under every message about it (from the directory's events).</summary>
public sealed class NotificationPlace : IPlaceCopy
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; }
}
