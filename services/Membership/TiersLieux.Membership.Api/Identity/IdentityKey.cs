using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// A key of the OpenID Connect server, kept in the database so tokens stay valid across restarts and every replica
/// signs with the same key. Keys of one use follow each other (<see cref="IdentityKeyRing"/>): a new one is written
/// ahead of its turn, signs or encrypts from <see cref="ActiveFrom"/>, and its predecessor is kept until the last
/// token it protected has expired.
/// </summary>
public sealed class IdentityKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public static readonly IReadOnlyList<string> Uses = [Signing, Encryption];

    /// <summary>The key id published in the JWKS (kid).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>"signing" or "encryption".</summary>
    public string Use { get; set; } = "";

    /// <summary>The RSA private key, PKCS#8, base64.</summary>
    public string PrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it starts signing (or encrypting); until then a signing key is only published.</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    /// <summary>A new RSA key of this use, taking over at <paramref name="activeFrom"/>.</summary>
    public static IdentityKey Create(string use, DateTimeOffset activeFrom, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        return new IdentityKey
        {
            KeyId = Guid.NewGuid().ToString("N"), Use = use, PrivateKey = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            CreatedAt = now, ActiveFrom = activeFrom,
        };
    }

    public RsaSecurityKey ToSecurityKey()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(PrivateKey), out _);
        return new RsaSecurityKey(rsa) { KeyId = KeyId };
    }
}
