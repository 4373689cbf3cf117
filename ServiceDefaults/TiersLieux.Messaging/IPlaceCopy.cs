namespace TiersLieux.Messaging;

/// <summary>A service's own copy of a directory place, kept from PlaceRegistered/PlaceUpdated (never read from the directory's database).</summary>
public interface IPlaceCopy
{
    Guid Id { get; set; }

    string Name { get; set; }

    /// <summary>The highest directory version applied.</summary>
    int Version { get; set; }
}
