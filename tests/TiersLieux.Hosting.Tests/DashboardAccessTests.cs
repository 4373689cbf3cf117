using System.Net;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Tests;

/// <summary>The dashboard bound beyond loopback opens only with the browser token printed on the console.</summary>
public sealed class DashboardAccessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<DistributedApplication> StartAsync(System.Net.IPAddress address, string? token = null)
    {
        var options = TestApps.Options();
        options.DashboardPort = FreePort.Next();
        options.DashboardAddress = address;
        options.DashboardBrowserToken = token;
        var app = DistributedApplication.CreateBuilder(options).Build();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Beyond_loopback_every_page_and_api_asks_the_token_and_the_login_link_sets_a_cookie_that_opens_them()
    {
        await using var app = await StartAsync(IPAddress.Any, "browser-token-of-this-run");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        Assert.Equal($"{app.DashboardUrl}/login?t=browser-token-of-this-run", app.DashboardLoginUrl);
        using (var page = await browser.GetAsync($"{app.DashboardUrl}/", Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
            Assert.Contains("browser token", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        foreach (var api in new[] { "/api/resources", "/api/telemetry/traces", "/api/telemetry/logs", "/api/queues" })
        {
            using var refused = await browser.GetAsync($"{app.DashboardUrl}{api}", Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        using (var wrong = await browser.GetAsync($"{app.DashboardUrl}/login?t=guess", Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var login = await browser.GetAsync(app.DashboardLoginUrl, Cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }

        using var opened = await browser.GetAsync($"{app.DashboardUrl}/api/resources", Cancel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var home = await browser.GetAsync($"{app.DashboardUrl}/", Cancel);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // Scripts and ops tools may send it as a bearer token instead.
        using var script = new HttpClient();
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "browser-token-of-this-run");
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"{app.DashboardUrl}/api/telemetry/limits", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Beyond_loopback_without_a_configured_token_one_is_generated_for_the_run()
    {
        await using var app = await StartAsync(IPAddress.Any);

        Assert.NotNull(app.DashboardLoginUrl);
        Assert.True(app.DashboardLoginUrl!.Length > $"{app.DashboardUrl}/login?t=".Length + 16);
    }

    [Fact]
    public async Task On_loopback_no_token_is_asked()
    {
        await using var app = await StartAsync(IPAddress.Loopback);
        using var http = new HttpClient();

        Assert.Null(app.DashboardLoginUrl);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{app.DashboardUrl}/api/resources", Cancel)).StatusCode);
    }
}
