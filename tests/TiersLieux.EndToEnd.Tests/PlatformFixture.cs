using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>The gateway and dashboard tests share one AppHost (each start costs the machine half a minute).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>One running AppHost topology shared by the tests of a class or collection.</summary>
public class PlatformFixture : IAsyncLifetime
{
    public PlatformAppHost AppHost { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Through the gateway as the network team: the demo network-console's token, got by client credentials.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public string AdminToken { get; private set; } = null!;

    /// <summary>Configuration the projects of this topology receive (through the AppHost's environment).</summary>
    /// <remarks>
    /// The scale-out tests read and book flat out as one network-team subject, and every test here comes from one
    /// address, so the per-subject and anonymous limits are lifted
    /// (the security suite's own topology keeps the booking limit and floods it).
    /// </remarks>
    protected virtual IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Gateway__RateLimits__SignedInPerMinute"] = "1000000",
        ["Gateway__RateLimits__BookingsPerMinute"] = "1000000",
        // The sign-in pages in a browser, the public search and the code flows are all anonymous, from one address.
        ["Gateway__RateLimits__AnonymousPerMinute"] = "1000000",
        // The website's sign-ins (the browser's form, then the site's token exchange) come from this one address too;
        // the security suite keeps the limit and floods it.
        ["Gateway__RateLimits__SignInPerMinute"] = "1000",
    };

    /// <summary>Whether the Aspire dashboard runs (the trace, dashboard and scale-out tests read its telemetry).</summary>
    protected virtual bool Dashboard => true;

    public virtual async ValueTask InitializeAsync()
    {
        AppHost = await PlatformAppHost.StartAsync(Configuration, Dashboard, TimeSpan.FromMinutes(6));
        Gateway = AppHost.CreateGatewayClient();
        AdminToken = await NetworkConsoleTokenAsync();
        Admin = new HttpClient(new RenewingBearerHandler(NetworkConsoleTokenWithLifetimeAsync, new PlatformStateOnRefusal(AppHost, new HttpClientHandler())))
        {
            BaseAddress = Gateway.BaseAddress,
            Timeout = Gateway.Timeout,
        };
    }

    public async Task<string> NetworkConsoleTokenAsync() => (await NetworkConsoleTokenWithLifetimeAsync()).Token;

    private async Task<(string Token, TimeSpan Lifetime)> NetworkConsoleTokenWithLifetimeAsync()
    {
        var secret = (await File.ReadAllTextAsync(Path.Combine(AppHost.StateDirectory, "parameters", "network-console-secret"))).Trim();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "network-console",
            ["client_secret"] = secret,
            ["scope"] = "tierslieux-api",
        });
        using var response = await Gateway.PostAsync("/connect/token", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var token = JsonNode.Parse(body)!;
        return (token["access_token"]!.GetValue<string>(), TimeSpan.FromSeconds(token["expires_in"]!.GetValue<int>()));
    }

    private static readonly Uri DemoRedirectUri = new("http://127.0.0.1:5300/signed-in");

    /// <summary>
    /// Signs in as a demo person through the gateway, retrying while the demo data is still being seeded. The gateway
    /// allows 10 sign-in requests a minute per client address (a code flow spends two), so a failed attempt waits
    /// before the next: retried at once, a slow seeding used up the minute's attempts and every retry got 429.
    /// </summary>
    public async Task<TokenResponse> SignInAsync(string email, string passwordParameter) =>
        await SignInWithPasswordAsync(email, (await File.ReadAllTextAsync(Path.Combine(AppHost.StateDirectory, "parameters", passwordParameter))).Trim());

    /// <summary>Signs in as anybody with their password, as <see cref="SignInAsync"/> does.</summary>
    public async Task<TokenResponse> SignInWithPasswordAsync(string email, string password)
    {
        TokenResponse? token = null;
        await TestWait.UntilAsync(async () =>
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = Gateway.BaseAddress,
            };
            try
            {
                token = await CodeFlow.SignInAsync(browser, "demo-frontend", DemoRedirectUri, email, password);
                return true;
            }
            catch (Xunit.Sdk.XunitException)
            {
                await Task.Delay(TimeSpan.FromSeconds(15));
                return false;
            }
        }, TimeSpan.FromMinutes(4));
        return token!;
    }

    /// <summary>A client through the gateway holding a demo person's access token.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string passwordParameter) =>
        AppHost.CreateGatewayClient().WithBearer((await SignInAsync(email, passwordParameter)).AccessToken!);

    /// <summary>IN'ESS, the demo operator's place, once the directory has seeded the network (found by the public search).</summary>
    /// <remarks>
    /// Found by its name among the Aude's places, not by a text search: a test of the operator's rights rewrites
    /// IN'ESS's description, and a search on its words found nothing for the tests that ran after it.
    /// </remarks>
    public async Task<Guid> InessAsync()
    {
        Guid? iness = null;
        await TestWait.UntilAsync(async () =>
        {
            for (var page = 1; iness is null; page++)
            {
                var places = await Gateway.GetFromJsonAsync<JsonObject>($"/api/directory/places/search?department=11&pageSize=100&page={page}");
                var items = places!["items"]!.AsArray();
                iness = items.Where(place => place!["name"]!.GetValue<string>() == "IN'ESS")
                    .Select(place => (Guid?)place!["id"]!.GetValue<Guid>()).FirstOrDefault();
                if (items.Count < 100)
                {
                    break;
                }
            }

            return iness is not null;
        }, TimeSpan.FromMinutes(2));
        return iness!.Value;
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Gateway?.Dispose();
        Admin?.Dispose();
        if (AppHost is not null)
        {
            await AppHost.DisposeAsync();
        }
    }
}
