using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiersLieux.ServiceDefaults;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Testing.Security;

/// <summary>
/// Real tokens for tests of the services that validate membership's tokens: a small OpenID Connect issuer on a
/// loopback port (discovery document and JWKS, like membership's) whose RS256-signed JWTs carry membership's claims
/// (<c>sub</c>, <c>role</c>, <c>place_id</c>, audience <c>tierslieux-api</c>). A service under test finds it as it finds
/// membership, through <c>services:membership-api:http:0</c> (<see cref="ServiceSettings"/>), so its real validation
/// runs: discovery, key download, signature, issuer, audience, lifetime. Membership's own tests use membership.
/// One per test process (<see cref="SharedAsync"/>): services started by the tests and the labs' processes share it.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    private static readonly Lazy<Task<TestTokenIssuer>> Shared = new(StartAsync);
    private readonly RsaSecurityKey _key;
    private readonly WebApplication _app;

    private TestTokenIssuer(WebApplication app, RsaSecurityKey key, string url)
    {
        _app = app;
        _key = key;
        Url = url;
    }

    /// <summary>Where it listens, as <c>services:membership-api:http:0</c> says it.</summary>
    public string Url { get; }

    /// <summary>The issuer its tokens carry, as membership's discovery document says it (with the trailing slash).</summary>
    public string Issuer => Url + "/";

    /// <summary>The settings that point a service at this issuer instead of membership.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        [$"services:{ResourceNames.MembershipApi}:http:0"] = Url,
    };

    /// <summary>The same for a service in its own process (environment variables, Aspire's spelling).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>
    {
        [$"services__{ResourceNames.MembershipApi}__http__0"] = Url,
    };

    public static Task<TestTokenIssuer> SharedAsync() => Shared.Value;

    public string NetworkAdmin(string subject = "network-console") => Token(subject, [PlatformRoles.NetworkAdmin]);

    public string PlaceOperator(params Guid[] places) => Token($"operator-{Guid.NewGuid():N}"[..17], [PlatformRoles.PlaceOperator], places);

    /// <summary>A person's token: their member id as subject, the member role.</summary>
    public string Member(Guid memberId) => Token(memberId.ToString(), [PlatformRoles.Member]);

    /// <summary>Any token; the defaults make a valid one, each argument can break one thing.</summary>
    public string Token(string subject, IReadOnlyList<string> roles, IReadOnlyList<Guid>? places = null, TimeSpan? lifetime = null,
        string audience = PlatformClaims.Audience, string? issuer = null, bool signedByAnotherKey = false)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(15));
        var claims = new Dictionary<string, object>
        {
            [PlatformClaims.Subject] = subject,
            [PlatformClaims.Name] = subject,
            [PlatformClaims.Role] = roles.ToArray(),
            [PlatformClaims.PlaceId] = (places ?? []).Select(place => place.ToString()).ToArray(),
            ["scope"] = PlatformClaims.ApiScope,
        };
        var key = signedByAnotherKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires.AddMinutes(-15) : now,
            NotBefore = expires < now ? expires.AddMinutes(-15) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<TestTokenIssuer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
        app.MapGet(AuthenticationExtensions.DiscoveryPath, (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = BaseUrl(http) + "/",
            ["jwks_uri"] = BaseUrl(http) + "/.well-known/jwks",
            ["token_endpoint"] = BaseUrl(http) + "/connect/token",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        app.MapGet("/.well-known/jwks", () => Results.Json(new { keys = new[] { new { jwk.Kty, jwk.Use, jwk.Kid, jwk.Alg, jwk.N, jwk.E } } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestTokenIssuer(app, key, address.TrimEnd('/').Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
