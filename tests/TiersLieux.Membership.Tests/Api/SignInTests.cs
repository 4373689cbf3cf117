using System.Net;
using System.Net.Http.Json;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiersLieux.Security;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>People sign in: authorization code with PKCE through the sign-in page, refresh tokens, lockout.</summary>
public sealed class SignInTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private MembershipService _service = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await MembershipService.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("IN'ESS");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private async Task<TokenValidationResult> ValidateAsync(string token)
    {
        var discovery = await _service.Anonymous.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = _service.Anonymous.BaseAddress!.ToString(),
            Policy = { RequireHttps = false },
        }, Cancel);
        Assert.False(discovery.IsError, discovery.Error);
        var keys = new JsonWebKeySet(await _service.Anonymous.GetStringAsync(discovery.JwksUri, Cancel)).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.Issuer,
            IssuerSigningKeys = keys,
            ValidAudience = PlatformClaims.Audience,
            // The test's clock is fake; the token's lifetime is checked by the services' own tests.
            ValidateLifetime = false,
        });
    }

    [Fact]
    public async Task A_member_signs_in_with_code_and_PKCE_and_gets_an_access_token_an_identity_token_and_a_refresh_token()
    {
        var id = await _service.MemberWithPasswordAsync("lea.martin@example.org", Password, _place);

        var token = await _service.SignInAsync("Lea.Martin@example.org", Password);

        Assert.NotNull(token.IdentityToken);
        Assert.NotNull(token.RefreshToken);
        var access = await ValidateAsync(token.AccessToken!);
        Assert.True(access.IsValid, access.Exception?.Message);
        Assert.Equal(id.ToString(), access.Claims["sub"]);
        Assert.Equal([PlatformRoles.Member], access.ClaimsIdentity.FindAll("role").Select(c => c.Value));
        Assert.Empty(access.ClaimsIdentity.FindAll(PlatformClaims.PlaceId));
        using var client = _service.Factory.CreateClient().WithBearer(token.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/membership/members/{id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_refreshed_token_carries_the_roles_given_since_sign_in()
    {
        var id = await _service.MemberWithPasswordAsync("operateur@example.org", Password, _place);
        var first = await _service.SignInAsync("operateur@example.org", Password);
        var granted = await _service.Client.PutAsJsonAsync($"/api/membership/members/{id}/roles",
            new { placeOperator = true, operatedPlaceIds = new[] { _place }, networkAdmin = false }, Cancel);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        var refreshed = await _service.RefreshAsync(first.RefreshToken!);

        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        var access = await ValidateAsync(refreshed.AccessToken!);
        Assert.Contains(PlatformRoles.PlaceOperator, access.ClaimsIdentity.FindAll("role").Select(c => c.Value));
        Assert.Equal(_place.ToString(), access.ClaimsIdentity.FindFirst(PlatformClaims.PlaceId)?.Value);
    }

    [Fact]
    public async Task A_suspended_member_can_no_longer_refresh_their_token()
    {
        var id = await _service.MemberWithPasswordAsync("suspendu@example.org", Password, _place);
        var token = await _service.SignInAsync("suspendu@example.org", Password);
        var suspended = await _service.Client.PostAsJsonAsync($"/api/membership/members/{id}/suspension", new { reason = "Impayé" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);

        var refreshed = await _service.RefreshAsync(token.RefreshToken!);

        Assert.True(refreshed.IsError);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task A_code_is_refused_without_its_PKCE_verifier_or_with_another_one()
    {
        await _service.MemberWithPasswordAsync("pkce@example.org", Password, _place);
        using var browser = _service.Browser();
        var (code, verifier) = await CodeFlow.AuthorizeAsync(browser, MembershipService.FrontendClientId, MembershipService.FrontendRedirectUri, "pkce@example.org", Password);

        var wrong = await _service.Anonymous.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "/connect/token",
            ClientId = MembershipService.FrontendClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = MembershipService.FrontendRedirectUri.ToString(),
            CodeVerifier = verifier + "x",
        }, Cancel);

        Assert.Equal("invalid_grant", wrong.Error);
        Assert.Null(wrong.AccessToken);
    }

    [Fact]
    public async Task An_authorization_request_without_a_code_challenge_is_refused()
    {
        using var browser = _service.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var url = new RequestUrl("/connect/authorize").CreateAuthorizeUrl(MembershipService.FrontendClientId, "code", CodeFlow.Scopes,
            MembershipService.FrontendRedirectUri.ToString(), "state");

        var response = await browser.GetAsync(url, Cancel);

        // Refused before any sign-in page is shown.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_person_signing_in_on_several_devices_at_once_is_signed_in_on_each()
    {
        await _service.MemberWithPasswordAsync("appareils@example.org", Password, _place);
        var login = new Uri("/account/login?returnUrl=%2F", UriKind.Relative);
        var browsers = Enumerable.Range(0, 8).Select(_ => _service.Browser()).ToList();

        // Each sign-in records itself on the account (its failures count towards the lockout): eight at the same moment
        // meet on that row.
        var answers = await Task.WhenAll(browsers.Select(browser => CodeFlow.PostLoginAsync(browser, login, "appareils@example.org", Password)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
        browsers.ForEach(browser => browser.Dispose());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        await _service.MemberWithPasswordAsync("verrou@example.org", Password, _place);
        using var browser = _service.Browser();
        var login = new Uri("/account/login?returnUrl=%2F", UriKind.Relative);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await CodeFlow.PostLoginAsync(browser, login, "verrou@example.org", $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("incorrect", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        var fifth = await CodeFlow.PostLoginAsync(browser, login, "verrou@example.org", "wrong password 5");
        var rightButLocked = await CodeFlow.PostLoginAsync(browser, login, "verrou@example.org", Password);
        _service.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterLockout = await CodeFlow.PostLoginAsync(browser, login, "verrou@example.org", Password);

        Assert.Contains("verrouillé", await fifth.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, rightButLocked.StatusCode);
        Assert.Contains("verrouillé", await rightButLocked.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_is_answered_like_a_wrong_password_and_the_return_url_stays_on_this_site()
    {
        using var browser = _service.Browser();
        await _service.MemberWithPasswordAsync("connue@example.org", Password, _place);

        var unknown = await CodeFlow.PostLoginAsync(browser, new Uri("/account/login", UriKind.Relative), "inconnue@example.org", Password);
        var offsite = await CodeFlow.PostLoginAsync(browser, new Uri("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", UriKind.Relative), "connue@example.org", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, offsite.StatusCode);
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_password_is_stored_hashed_and_a_member_changes_it_only_with_the_current_one()
    {
        var id = await _service.MemberWithPasswordAsync("hash@example.org", Password, _place);
        using var member = _service.Factory.CreateClient().WithBearer((await _service.SignInAsync("hash@example.org", Password)).AccessToken!);

        var withoutCurrent = await member.PutAsJsonAsync($"/api/membership/members/{id}/password", new { newPassword = "another long password" }, Cancel);
        var tooShort = await member.PutAsJsonAsync($"/api/membership/members/{id}/password", new { currentPassword = Password, newPassword = "short" }, Cancel);
        var changed = await member.PutAsJsonAsync($"/api/membership/members/{id}/password", new { currentPassword = Password, newPassword = "another long password" }, Cancel);

        var problem = await Problem.AssertAsync(withoutCurrent, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["currentPassword"]);
        await Problem.AssertAsync(tooShort, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await using var scope = _service.Factory.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<TiersLieux.Membership.Api.Infrastructure.MembershipDbContext>().Accounts.FindAsync([id], Cancel);
        Assert.DoesNotContain("another long password", account!.PasswordHash!, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", account.PasswordHash, StringComparison.Ordinal); // ASP.NET Core Identity v3 format (PBKDF2)
        await _service.SignInAsync("hash@example.org", "another long password");
    }
}
