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
/// Membership, booking and the gateway as real processes, the gateway on HTTPS with a certificate made for this test
/// and forwarding to the services over plain HTTP on loopback: the public address is the HTTPS one, so the issuer of
/// every token, every endpoint of the discovery document, every redirect of the sign-in and every Location must say
/// https, and a member signed in there books a desk with their own token.
/// </summary>
public sealed class TlsJourneyTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private static readonly Uri RedirectUri = new("http://localhost/signed-in");
    private readonly LogBuffer _log = new();
    private ServiceProcess _membership = null!;
    private ServiceProcess _booking = null!;
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
        // Booking finds membership (its keys) as under the AppHost; tokens name the HTTPS issuer all the same.
        _booking = await ServiceProcess.StartAsync(ResourceNames.BookingApi, ProjectOutputs.Assembly(ProjectOutputs.BookingApi), 1,
            new Dictionary<string, string?>
            {
                [$"ConnectionStrings__{ResourceNames.BookingDb}"] = await infrastructure.CreateDatabaseAsync("booking"),
                [$"ConnectionStrings__{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
                ["Messaging__EndpointPrefix"] = $"t{Guid.NewGuid():N}"[..9],
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            }.Concat(_membership.DiscoveryEnvironment(ResourceNames.MembershipApi)), _log, TimeSpan.FromMinutes(2));
        // The other routes lead to membership too, so that the gateway's health (which asks every service behind it)
        // is about this test's world.
        _gateway = await TlsGateway.StartAsync(_membership.Replicas[0].HttpUrl, new Dictionary<string, string?>(), _log, Cancel, https,
            new Dictionary<string, string> { [ResourceNames.BookingApi] = _booking.Replicas[0].HttpUrl });
        _https = _gateway.Https;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_booking is not null)
        {
            await _booking.DisposeAsync();
        }

        if (_membership is not null)
        {
            await _membership.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signing_in_and_booking_through_the_HTTPS_gateway_keep_every_address_and_the_tokens_issuer_on_https()
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

        // The network team sells Théo a month of coworking and opens a desk; membership tells booking over the broker.
        using var plan = await Send(client, HttpMethod.Post, "api/membership/plans", admin.AccessToken!,
            new { placeId = place, name = "Coworking au mois", kind = "monthly-coworking", priceCents = 15000, validityDays = 30, includedHours = new Dictionary<string, int> { ["desk"] = 160 } });
        Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync(Cancel));
        var planId = JsonNode.Parse(await plan.Content.ReadAsStringAsync(Cancel))!["id"]!.GetValue<Guid>();
        using (var subscribed = await Send(client, HttpMethod.Post, "api/membership/subscriptions", admin.AccessToken!, new { memberId = id, planId }))
        {
            Assert.True(subscribed.StatusCode == HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync(Cancel));
        }

        HttpResponseMessage? desk = null;
        await TestWait.UntilAsync(async () =>
        {
            // Booking knows the place once PlaceRegistered has reached it.
            desk?.Dispose();
            desk = await Send(client, HttpMethod.Post, "api/booking/resources", admin.AccessToken!, new { placeId = place, name = "Bureau 1", kind = "desk", seats = 1 });
            return desk.StatusCode != HttpStatusCode.UnprocessableEntity && desk.StatusCode != HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(30));
        using var resource = desk!;
        Assert.True(resource.StatusCode == HttpStatusCode.Created, await resource.Content.ReadAsStringAsync(Cancel));
        var resourceId = JsonNode.Parse(await resource.Content.ReadAsStringAsync(Cancel))!["id"]!.GetValue<Guid>();

        // Théo books tomorrow morning with his own token, once booking has his subscription.
        var tomorrow = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(9), TimeSpan.Zero);
        HttpResponseMessage? booked = null;
        await TestWait.UntilAsync(async () =>
        {
            booked?.Dispose();
            booked = await Send(client, HttpMethod.Post, "api/booking/bookings", token.AccessToken!,
                new { resourceId, memberId = id, startsAt = tomorrow, endsAt = tomorrow.AddHours(2) });
            return booked.StatusCode != HttpStatusCode.Conflict;
        }, TimeSpan.FromSeconds(30));
        using var booking = booked!;
        Assert.True(booking.StatusCode == HttpStatusCode.Created, await booking.Content.ReadAsStringAsync(Cancel));
        Assert.StartsWith(_https + "/api/booking/bookings/", booking.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var mine = await Send(client, HttpMethod.Get, booking.Headers.Location!.PathAndQuery.TrimStart('/'), token.AccessToken!, null);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(id, JsonNode.Parse(await mine.Content.ReadAsStringAsync(Cancel))!["memberId"]!.GetValue<Guid>());
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request, Cancel);
    }
}
