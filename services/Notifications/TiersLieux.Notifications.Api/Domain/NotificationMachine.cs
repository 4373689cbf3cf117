namespace TiersLieux.Notifications.Api.Domain;

/// <summary>A machine's name and place, as equipment announced them (MachineRegistered, MachineUpdated; highest version wins).</summary>
public sealed class NotificationMachine
{
    public Guid Id { get; set; }

    public Guid PlaceId { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; }
}
