using TiersLieux.Messaging;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// Membership's copy of a directory place, kept from PlaceRegistered/PlaceUpdated (highest version wins), plus what
/// only membership decides about it: whether the place accepts the network pass.
/// </summary>
public sealed class KnownPlace : IPlaceCopy
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Typology { get; set; } = "";

    public int Version { get; set; }

    public bool AcceptsNetworkPass { get; set; } = true;
}
