namespace TiersLieux.Membership.Api.Identity;

/// <summary>Where a key stands in its ring (<see cref="IdentityKeyRing"/>).</summary>
public enum IdentityKeyState
{
    /// <summary>Published (a signing key) or loaded for decryption, not used yet.</summary>
    Upcoming,

    /// <summary>Signs (or encrypts) every new token.</summary>
    Current,

    /// <summary>Replaced, kept to validate (or decrypt) the tokens it protected until they can have expired.</summary>
    Previous,

    /// <summary>Replaced longer ago than any token lives: deleted at the next pass.</summary>
    Expired,
}
