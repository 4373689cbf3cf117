using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>
/// Broken tokens for API2 (broken authentication), made from a real access token of the running system: re-signed
/// with membership's own signing key (read from its database, where it keeps it) so that only the one defect under
/// test is wrong: expired, another audience, another issuer; or signed by a stranger's key, or not signed at all.
/// <see cref="Resigned"/> changes nothing, as a control that a forged token is otherwise accepted.
/// </summary>
public sealed class TokenForge
{
    private readonly SigningCredentials _membershipKey;
    private readonly SigningCredentials _strangerKey = new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stranger" }, SecurityAlgorithms.RsaSha256);
    private readonly JsonObject _payload;
    private readonly string _realToken;

    private TokenForge(SigningCredentials membershipKey, string realToken)
    {
        _membershipKey = membershipKey;
        _realToken = realToken;
        _payload = JsonNode.Parse(Base64UrlEncoder.Decode(realToken.Split('.')[1]))!.AsObject();
    }

    public static async Task<TokenForge> CreateAsync(string membershipDatabase, string realToken)
    {
        await using var connection = new NpgsqlConnection(membershipDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"KeyId\", \"PrivateKey\" FROM membership.\"IdentityKeys\" WHERE \"Use\" = 'signing' AND \"ActiveFrom\" <= now() ORDER BY \"ActiveFrom\" DESC LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("membership has no signing key yet");
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(reader.GetString(1)), out _);
        return new TokenForge(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) }, SecurityAlgorithms.RsaSha256), realToken);
    }

    /// <summary>The broken tokens, each named by its defect.</summary>
    public IReadOnlyDictionary<string, string> Broken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            ["expired"] = Sign(payload => { payload["iat"] = now - 3600; payload["nbf"] = now - 3600; payload["exp"] = now - 600; }, _membershipKey),
            ["wrong audience"] = Sign(payload => payload["aud"] = "another-api", _membershipKey),
            ["wrong issuer"] = Sign(payload => payload["iss"] = "http://issuer.invalid/", _membershipKey),
            ["wrong signature"] = Sign(_ => { }, _strangerKey),
            ["tampered payload"] = Tampered(),
            ["not signed (alg none)"] = Unsigned(),
            ["not a JWT"] = "not-a-token",
        };
    }

    /// <summary>The real token's claims with fresh times, signed with membership's key: accepted (the control).</summary>
    public string Resigned()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Sign(payload => { payload["iat"] = now; payload["exp"] = now + 600; }, _membershipKey);
    }

    private string Sign(Action<JsonObject> change, SigningCredentials key)
    {
        var payload = _payload.DeepClone().AsObject();
        change(payload);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), key, new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }

    /// <summary>The real token, its role claim raised to network-admin, its signature kept.</summary>
    private string Tampered()
    {
        var parts = _realToken.Split('.');
        var payload = _payload.DeepClone().AsObject();
        payload["role"] = "network-admin";
        payload["sub"] = Guid.NewGuid().ToString();
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{Base64UrlEncoder.Encode(_payload.ToJsonString())}.";
    }
}
