using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiersLieux.Security;
using TiersLieux.Testing;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>Membership as the platform's OpenID Connect server, driven by a real OIDC client library.</summary>
public sealed class IdentityTests(InfrastructureFixture infrastructure)
{
    private const string ClientId = "iness-backend";
    private const string ClientSecret = "a-long-secret-for-the-operator-back-end";
    private static readonly Guid Iness = Guid.Parse("0197a0c4-0000-7000-8000-000000000011");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> OperatorClient() => new()
    {
        ["Identity:Clients:0:ClientId"] = ClientId,
        ["Identity:Clients:0:ClientSecret"] = ClientSecret,
        ["Identity:Clients:0:DisplayName"] = "IN'ESS back-end",
        ["Identity:Clients:0:Roles:0"] = PlatformRoles.PlaceOperator,
        ["Identity:Clients:0:PlaceIds:0"] = Iness.ToString(),
    };

    private static async Task<DiscoveryDocumentResponse> DiscoverAsync(HttpClient http)
    {
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = http.BaseAddress!.ToString(),
            Policy = { RequireHttps = false },
        }, Cancel);
        Assert.False(discovery.IsError, discovery.Error);
        return discovery;
    }

    private static Task<TokenResponse> ClientCredentialsAsync(HttpClient http, DiscoveryDocumentResponse discovery, string secret = ClientSecret) =>
        http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ClientId,
            ClientSecret = secret,
            Scope = PlatformClaims.ApiScope,
        }, Cancel);

    /// <summary>Validates a token as a resource server would: keys from the JWKS, issuer from discovery.</summary>
    private static async Task<TokenValidationResult> ValidateAsync(HttpClient http, DiscoveryDocumentResponse discovery, string token)
    {
        var keys = new JsonWebKeySet(await http.GetStringAsync(discovery.JwksUri, Cancel)).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.Issuer,
            IssuerSigningKeys = keys,
            ValidateAudience = false,
        });
    }

    [Fact]
    public async Task An_operator_back_end_gets_a_signed_token_with_its_role_and_places_by_client_credentials()
    {
        await using var service = await MembershipService.StartAsync(infrastructure, OperatorClient());
        var discovery = await DiscoverAsync(service.Client);

        var token = await ClientCredentialsAsync(service.Client, discovery);

        Assert.False(token.IsError, token.Error);
        var validated = await ValidateAsync(service.Client, discovery, token.AccessToken!);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal(ClientId, validated.Claims["sub"]);
        Assert.Equal(PlatformRoles.PlaceOperator, validated.ClaimsIdentity.FindFirst("role")?.Value);
        Assert.Equal(Iness.ToString(), validated.ClaimsIdentity.FindFirst(PlatformClaims.PlaceId)?.Value);
        Assert.Contains("client_credentials", discovery.GrantTypesSupported);
    }

    [Fact]
    public async Task A_wrong_secret_or_an_unsupported_grant_gets_no_token()
    {
        await using var service = await MembershipService.StartAsync(infrastructure, OperatorClient());
        var discovery = await DiscoverAsync(service.Client);

        var wrongSecret = await ClientCredentialsAsync(service.Client, discovery, "not-the-secret");
        var password = await service.Client.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            UserName = "someone@example.org",
            Password = "guess",
        }, Cancel);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrongSecret.HttpStatusCode);
        Assert.Contains("invalid_client", wrongSecret.Raw, StringComparison.Ordinal);
        Assert.Null(wrongSecret.AccessToken);
        Assert.Equal("unsupported_grant_type", password.Error);
        Assert.Null(password.AccessToken);
    }

    [Fact]
    public async Task Signing_keys_survive_a_restart_so_earlier_tokens_stay_valid()
    {
        var settings = OperatorClient();
        string token;
        string database;
        await using (var first = await MembershipService.StartAsync(infrastructure, settings))
        {
            token = (await ClientCredentialsAsync(first.Client, await DiscoverAsync(first.Client))).AccessToken!;
            database = first.Database;
        }

        await using var restarted = await MembershipService.StartAsync(infrastructure, settings, database);
        var discovery = await DiscoverAsync(restarted.Client);

        var validated = await ValidateAsync(restarted.Client, discovery, token);
        Assert.True(validated.IsValid, validated.Exception?.Message);
    }
}
