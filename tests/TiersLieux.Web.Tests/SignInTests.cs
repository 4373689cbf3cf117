using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TiersLieux.Web.Account;

namespace TiersLieux.Web.Tests;

/// <summary>The member space's doors, on the site alone (no platform behind it: nothing here calls it).</summary>
public sealed class SignInTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task The_member_space_sends_a_visitor_to_the_sign_in_page_which_comes_back_to_it()
    {
        using var response = await Browser().GetAsync("/espace/reservations", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connexion?retour=%2Fespace%2Freservations", response.Headers.Location!.PathAndQuery);
        var page = await Browser().GetStringAsync(response.Headers.Location.PathAndQuery, Cancel);
        Assert.Contains("Se connecter à mon espace", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/connexion/membre?retour=%2Fespace%2Freservations\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Votre session a expiré", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_the_site_no_longer_knows_is_told_as_expired()
    {
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/connexion?retour=%2Fespace");
        stale.Headers.Add("Cookie", "tierslieux.site=a-session-from-before-a-restart");
        using var response = await Browser().SendAsync(stale, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Votre session a expiré.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_platform_s_sign_in_is_down_the_sign_in_page_says_so()
    {
        // Nothing listens on port 1: the discovery document cannot be read.
        using var down = factory.WithWebHostBuilder(host => host.UseSetting("Site:PlatformUrl", "http://127.0.0.1:1"))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await down.GetAsync("/connexion/membre?retour=%2Fespace%2Fformations", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connexion?erreur=indisponible&retour=%2Fespace%2Fformations", response.Headers.Location!.OriginalString);
        var page = await down.GetStringAsync(response.Headers.Location.OriginalString, Cancel);
        Assert.Contains("Le service de connexion ne répond pas pour le moment.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/espace/formations", "/espace/formations")]
    [InlineData("//evil.example/espace", "/espace")]
    [InlineData("https://evil.example/", "/espace")]
    [InlineData("/\\evil.example", "/espace")]
    [InlineData(null, "/espace")]
    public void Only_a_page_of_this_site_is_where_signing_in_returns(string? asked, string used) =>
        Assert.Equal(used, AccountEndpoints.LocalOrHome(asked));
}
