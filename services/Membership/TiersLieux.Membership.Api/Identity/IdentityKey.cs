namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// A key of the OpenID Connect server, kept in the database so tokens stay valid across restarts and every replica
/// signs with the same key. Generated once, on first use.
/// </summary>
public sealed class IdentityKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary>"signing" or "encryption": one current key of each use.</summary>
    public string Use { get; set; } = "";

    /// <summary>The key id published in the JWKS (kid).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The RSA private key, PKCS#8, base64.</summary>
    public string PrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
