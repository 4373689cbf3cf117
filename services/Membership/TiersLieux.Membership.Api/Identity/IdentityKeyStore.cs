using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using TiersLieux.Membership.Api.Infrastructure;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Gives the OpenID Connect server its signing and encryption keys from the database, creating them the first
/// time (replicas racing to create them settle on the first one written).
/// </summary>
internal sealed class IdentityKeyStore(IServiceScopeFactory scopes, TimeProvider clock) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built on the first request, after the migrator has run: the table exists.
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var signing = LoadOrCreate(db, IdentityKey.Signing);
        var encryption = LoadOrCreate(db, IdentityKey.Encryption);
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey LoadOrCreate(MembershipDbContext db, string use)
    {
        var stored = db.IdentityKeys.AsNoTracking().FirstOrDefault(key => key.Use == use);
        if (stored is null)
        {
            using var rsa = RSA.Create(2048);
            db.Database.ExecuteSql($"INSERT INTO membership.\"IdentityKeys\" (\"Use\", \"KeyId\", \"PrivateKey\", \"CreatedAt\") VALUES ({use}, {Guid.NewGuid().ToString("N")}, {Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING");
            stored = db.IdentityKeys.AsNoTracking().First(key => key.Use == use);
        }

        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(stored.PrivateKey), out _);
        return new RsaSecurityKey(key) { KeyId = stored.KeyId };
    }
}
