using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Gives the OpenID Connect server its keys from the database (writing the first ones on a fresh database): the key
/// in use first, since OpenIddict signs and encrypts with the first credentials (its own sort leaves RSA keys in
/// the order given), then the upcoming ones, published in the JWKS ahead of their turn, then the replaced ones still
/// needed to validate or decrypt the tokens they protected. Built on the first request, after the migrator has run,
/// and again whenever <see cref="IdentityKeyReload"/> signals that the keys changed.
/// </summary>
internal sealed class IdentityKeyStore(IdentityKeyRotation rotation, IdentityKeyReload reload) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built synchronously; this runs once per change of keys, on a pool thread with no context to block.
        var rings = rotation.MaintainAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var ring in rings)
        {
            foreach (var key in ring.Loaded)
            {
                if (ring.Use == IdentityKey.Signing)
                {
                    options.SigningCredentials.Add(new SigningCredentials(key.ToSecurityKey(), SecurityAlgorithms.RsaSha256));
                }
                else
                {
                    options.EncryptionCredentials.Add(new EncryptingCredentials(key.ToSecurityKey(), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
                }
            }
        }

        reload.Loaded(IdentityKeyRotation.Fingerprint(rings));
    }
}
