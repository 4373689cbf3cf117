using System.Net;
using System.Net.Http.Json;
using Duende.IdentityModel.Client;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersLieux.Contracts.Directory;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.Security;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// Membership on its own fresh database and the shared broker, with a clock the test moves. Its tokens are real:
/// a network-team back-end gets one by client credentials, people sign in through the code flow with PKCE on the
/// sign-in page, as a frontend would (<see cref="SignInAsync"/>).
/// </summary>
public sealed class MembershipService : IAsyncDisposable
{
    public const string AdminClientId = "test-network-team";
    public const string AdminClientSecret = "a-long-secret-for-the-test-network-team";
    public const string FrontendClientId = "test-frontend";
    public static readonly Uri FrontendRedirectUri = new("http://localhost/signed-in");
    
    private MembershipService(ServiceFactory<Program> factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
        Anonymous = factory.CreateClient();
        Client = factory.CreateClient();
    }

    public ServiceFactory<Program> Factory { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The network team's back-end: sees and changes everything (its token is set at start).</summary>
    public HttpClient Client { get; }

    /// <summary>No token at all.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Its database's connection string: a second instance on it is "the same service, restarted".</summary>
    public string Database { get; private init; } = "";

    public static async Task<MembershipService> StartAsync(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null, string? database = null)
    {
        database ??= await infrastructure.CreateDatabaseAsync("membership");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var configuration = new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.MembershipDb}"] = database,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            // Its own queues: test classes share one broker and must not take each other's messages.
            ["Messaging:EndpointPrefix"] = $"t{Guid.NewGuid():N}"[..9],
            ["Identity:Clients:90:ClientId"] = AdminClientId,
            ["Identity:Clients:90:ClientSecret"] = AdminClientSecret,
            ["Identity:Clients:90:Roles:0"] = PlatformRoles.NetworkAdmin,
            ["Identity:Clients:91:ClientId"] = FrontendClientId,
            ["Identity:Clients:91:RedirectUris:0"] = FrontendRedirectUri.ToString(),
            // Tests move the clock by weeks: tokens issued at the start stay valid throughout.
            ["Identity:AccessTokenLifetime"] = "400.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        var factory = new ServiceFactory<Program>(configuration, services => services.AddSingleton<TimeProvider>(clock));
        var service = new MembershipService(factory, clock) { Database = database };
        await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        service.Client.WithBearer(await service.ClientCredentialsTokenAsync(AdminClientId, AdminClientSecret));
        return service;
    }

    public async Task<string> ClientCredentialsTokenAsync(string clientId, string clientSecret)
    {
        var token = await Anonymous.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token",
            ClientId = clientId,
            ClientSecret = clientSecret,
            Scope = PlatformClaims.ApiScope,
        });
        Assert.False(token.IsError, token.Error + " " + token.ErrorDescription);
        return token.AccessToken!;
    }

    /// <summary>Signs a person in through the code flow with PKCE on the sign-in page, as a frontend would.</summary>
    public async Task<TokenResponse> SignInAsync(string email, string password)
    {
        using var browser = Browser();
        return await CodeFlow.SignInAsync(browser, FrontendClientId, FrontendRedirectUri, email, password);
    }

    /// <summary>Redeems a refresh token as the frontend would.</summary>
    public Task<TokenResponse> RefreshAsync(string refreshToken) => Anonymous.RequestRefreshTokenAsync(new RefreshTokenRequest
    {
        Address = "/connect/token",
        ClientId = FrontendClientId,
        ClientCredentialStyle = ClientCredentialStyle.PostBody,
        RefreshToken = refreshToken,
    }, TestContext.Current.CancellationToken);

    /// <summary>A browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A member registered by the network team at these places, with this password; their id.</summary>
    public async Task<Guid> MemberWithPasswordAsync(string email, string password, params Guid[] places)
    {
        var registered = await Client.PostAsJsonAsync("/api/membership/members", new { firstName = "Test", lastName = email.Split('@')[0], email, placeIds = places });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await registered.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<Guid>();
        var set = await Client.PutAsJsonAsync($"/api/membership/members/{id}/password", new { newPassword = password });
        Assert.True(set.StatusCode == HttpStatusCode.NoContent, await set.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>A signed-in member's client (their own token); their id.</summary>
    public async Task<(Guid Id, HttpClient Client)> SignedInMemberAsync(params Guid[] places)
    {
        var email = $"member-{Guid.NewGuid():N}@example.org";
        var id = await MemberWithPasswordAsync(email, "correct horse battery", places);
        return (id, Factory.CreateClient().WithBearer((await SignInAsync(email, "correct horse battery")).AccessToken!));
    }

    /// <summary>A person who operates these places, signed in; their member id and client.</summary>
    public async Task<(Guid Id, HttpClient Client)> SignedInOperatorAsync(params Guid[] places)
    {
        var email = $"operator-{Guid.NewGuid():N}@example.org";
        var id = await MemberWithPasswordAsync(email, "operator's long password", places);
        var granted = await Client.PutAsJsonAsync($"/api/membership/members/{id}/roles", new { placeOperator = true, operatedPlaceIds = places, networkAdmin = false });
        Assert.True(granted.StatusCode == HttpStatusCode.OK, await granted.Content.ReadAsStringAsync());
        return (id, Factory.CreateClient().WithBearer((await SignInAsync(email, "operator's long password")).AccessToken!));
    }

    /// <summary>A directory place, made known to membership the way it really is: PlaceRegistered over the bus.</summary>
    public async Task<Guid> KnownPlaceAsync(string name = "IN'ESS")
    {
        var id = Guid.CreateVersion7();
        await Factory.Services.GetRequiredService<IBus>().Publish(
            new PlaceRegistered(id, name, "hybrid", "Narbonne", "11100", "11", 43.18, 3.0, 1, Clock.GetUtcNow()));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Places.AnyAsync(p => p.Id == id))
            {
                return id;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Membership did not learn place {id} from PlaceRegistered within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
    }
}
