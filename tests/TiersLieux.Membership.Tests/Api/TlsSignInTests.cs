using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using MassTransit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// Membership and the gateway as real processes, the gateway on HTTPS with a certificate made for this test and
/// forwarding to membership over plain HTTP on loopback: the public address is the HTTPS one, so the issuer of every
/// token, every endpoint of the discovery document and every redirect of the sign-in must say https.
/// </summary>
public sealed class TlsSignInTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private static readonly Uri RedirectUri = new("http://localhost/signed-in");
    private readonly LogBuffer _log = new();
    private ServiceProcess _membership = null!;
    private TlsGateway _gateway = null!;
    private string _https = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Membership's issuer is the gateway's public HTTPS address, known before either starts.
        var https = string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{FreePort.Next()}");
        _membership = await ServiceProcess.StartAsync(ResourceNames.MembershipApi, ProjectOutputs.Assembly(ProjectOutputs.MembershipApi), 1,
            new Dictionary<string, string?>
            {
                [$"ConnectionStrings__{ResourceNames.MembershipDb}"] = await infrastructure.CreateDatabaseAsync("membership"),
                [$"ConnectionStrings__{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
                ["Messaging__EndpointPrefix"] = $"t{Guid.NewGuid():N}"[..9],
                // Behind the gateway, as the AppHost says (BehindTheGateway): the forwarded scheme and host are the caller's.
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
                ["Identity__Issuer"] = https,
                ["Identity__Clients__0__ClientId"] = MembershipService.AdminClientId,
                ["Identity__Clients__0__ClientSecret"] = MembershipService.AdminClientSecret,
                ["Identity__Clients__0__Roles__0"] = "network-admin",
                ["Identity__Clients__1__ClientId"] = MembershipService.FrontendClientId,
                ["Identity__Clients__1__RedirectUris__0"] = RedirectUri.ToString(),
            }, _log, TimeSpan.FromMinutes(2));
        // Only membership is real here; the other routes lead to it too, so that the gateway's health (which asks
        // every service behind it) is about this test's world.
        _gateway = await TlsGateway.StartAsync(_membership.Replicas[0].HttpUrl, new Dictionary<string, string?>(), _log, Cancel, https);
        _https = _gateway.Https;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_membership is not null)
        {
            await _membership.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signing_in_through_the_HTTPS_gateway_keeps_every_address_and_the_tokens_issuer_on_https()
    {
        using var client = _gateway.Client();
        client.BaseAddress = new Uri(_https + "/");

        // The discovery document: the issuer and every endpoint at the public HTTPS address.
        var discovery = JsonNode.Parse(await client.GetStringAsync(".well-known/openid-configuration", Cancel))!;
        Assert.Equal(_https + "/", discovery["issuer"]!.GetValue<string>());
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "jwks_uri", "end_session_endpoint" })
        {
            Assert.StartsWith(_https + "/", discovery[endpoint]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A member made by the network team, through the gateway.
        var admin = await client.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "connect/token", ClientId = MembershipService.AdminClientId, ClientSecret = MembershipService.AdminClientSecret, Scope = "tierslieux-api",
        }, Cancel);
        Assert.False(admin.IsError, admin.Error);
        // Membership learns the place from the directory's PlaceRegistered, on the real broker.
        var place = Guid.CreateVersion7();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(infrastructure.MessagingConnectionString)));
        await bus.StartAsync(Cancel);
        try
        {
            await bus.Publish(new PlaceRegistered(place, "Lieu sécurisé", "hybrid", "Narbonne", "11100", "11", 43.18, 3.0, 1, DateTimeOffset.UtcNow), Cancel);
        }
        finally
        {
            await bus.StopAsync(Cancel);
        }

        HttpResponseMessage? registered = null;
        await TestWait.UntilAsync(async () =>
        {
            registered?.Dispose();
            registered = await Send(client, HttpMethod.Post, "api/membership/members", admin.AccessToken!,
                new { firstName = "Théo", lastName = "Sécurisé", email = $"theo.{Guid.NewGuid():N}@example.org", placeIds = new[] { place } });
            return registered.StatusCode != HttpStatusCode.UnprocessableEntity;
        }, TimeSpan.FromSeconds(30));
        using var created = registered!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancel));
        // Location follows the public address too.
        Assert.StartsWith(_https + "/api/membership/members/", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        var member = JsonNode.Parse(await created.Content.ReadAsStringAsync(Cancel))!;
        var (id, email) = (member["id"]!.GetValue<Guid>(), member["email"]!.GetValue<string>());
        using (var set = await Send(client, HttpMethod.Put, $"api/membership/members/{id}/password", admin.AccessToken!, new { newPassword = Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        // The code flow with PKCE, each redirect on https; the id token's issuer is the HTTPS address.
        using var browser = _gateway.Client();
        browser.BaseAddress = client.BaseAddress;
        var (code, verifier) = await CodeFlow.AuthorizeAsync(browser, MembershipService.FrontendClientId, RedirectUri, email, Password);
        var token = await browser.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "connect/token", ClientId = MembershipService.FrontendClientId, ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code, RedirectUri = RedirectUri.ToString(), CodeVerifier = verifier,
        }, Cancel);
        Assert.False(token.IsError, token.Error + " " + token.ErrorDescription);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.IdentityToken);
        Assert.Equal(_https + "/", idToken.Issuer);
        using var toLogin = await browser.GetAsync(new RequestUrl("connect/authorize").CreateAuthorizeUrl(MembershipService.FrontendClientId, "code",
            "openid", RedirectUri.ToString(), codeChallenge: "x".PadRight(43, 'x'), codeChallengeMethod: "S256", prompt: "login"), Cancel);
        Assert.StartsWith(_https + "/", toLogin.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The member's own token, validated at the gateway and by membership against the HTTPS issuer.
        using var own = await Send(client, HttpMethod.Get, $"api/membership/members/{id}", token.AccessToken!, null);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request, Cancel);
    }
}
