namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// Membership's copy of a directory place, kept from PlaceRegistered/PlaceUpdated (highest version wins), plus what
/// only membership decides about it: whether the place accepts the network pass.
/// </summary>
public sealed class KnownPlace
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Typology { get; set; } = "";

    public int Version { get; set; }

    public bool AcceptsNetworkPass { get; set; } = true;

    /// <summary>Applies a directory event if it is newer than what is kept; false when it is not (stale or repeated).</summary>
    public bool Apply(string name, string typology, int version)
    {
        if (version <= Version)
        {
            return false;
        }

        Name = name;
        Typology = typology;
        Version = version;
        return true;
    }
}
