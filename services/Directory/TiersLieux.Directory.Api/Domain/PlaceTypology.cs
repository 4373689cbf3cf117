namespace TiersLieux.Directory.Api.Domain;

/// <summary>What kind of tiers-lieu a place is, as the regional label counts them.</summary>
public enum PlaceTypology
{
    Coworking,
    Fablab,

    /// <summary>Espace de médiation numérique.</summary>
    DigitalMediation,

    /// <summary>Several of the above under one roof (coworking with a fablab, and so on).</summary>
    Hybrid,
}
