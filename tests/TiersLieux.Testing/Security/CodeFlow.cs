using System.Net;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace TiersLieux.Testing.Security;

/// <summary>
/// A person signing in as a browser frontend does, against membership directly or through the gateway: an
/// authorization request with a PKCE challenge, the sign-in page (its antiforgery token, the posted form), back to
/// the authorization endpoint, the code at the redirect URI, then the code and its verifier exchanged for tokens.
/// The browser is an HttpClient that keeps cookies and does not follow redirects. Each step asserts what it expects.
/// </summary>
public static class CodeFlow
{
    public const string Scopes = "openid profile email roles offline_access tierslieux-api";

    public static async Task<TokenResponse> SignInAsync(HttpClient browser, string clientId, Uri redirectUri, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var (code, verifier) = await AuthorizeAsync(browser, clientId, redirectUri, email, password);
        var token = await browser.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "/connect/token",
            ClientId = clientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = redirectUri.ToString(),
            CodeVerifier = verifier,
        });
        Assert.False(token.IsError, token.Error + " " + token.ErrorDescription);
        return token;
    }

    /// <summary>The browser part: the code the client receives at its redirect URI, and the PKCE verifier.</summary>
    public static async Task<(string Code, string Verifier)> AuthorizeAsync(HttpClient browser, string clientId, Uri redirectUri, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var verifier = CryptoRandom.CreateUniqueId(32);
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = CryptoRandom.CreateUniqueId(16);
        var authorize = new RequestUrl("/connect/authorize").CreateAuthorizeUrl(clientId, OidcConstants.ResponseTypes.Code, Scopes,
            redirectUri.ToString(), state, codeChallenge: challenge, codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);

        var toLogin = await browser.GetAsync(authorize);
        Assert.True(toLogin.StatusCode == HttpStatusCode.Redirect, $"authorize without a session: {(int)toLogin.StatusCode} {await toLogin.Content.ReadAsStringAsync()}");
        var posted = await PostLoginAsync(browser, toLogin.Headers.Location!, email, password);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        var toClient = await browser.GetAsync(posted.Headers.Location!);
        Assert.True(toClient.StatusCode == HttpStatusCode.Redirect, $"authorize with a session: {(int)toClient.StatusCode} {await toClient.Content.ReadAsStringAsync()}");
        var response = new AuthorizeResponse(toClient.Headers.Location!.ToString());
        Assert.False(response.IsError, response.Error);
        Assert.Equal(state, response.State);
        return (response.Code!, verifier);
    }

    /// <summary>Opens the sign-in page at <paramref name="loginPage"/> and posts its form with the antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, Uri loginPage, string email, string password) =>
        HtmlForm.PostAsync(browser, loginPage, new Dictionary<string, string> { ["email"] = email, ["password"] = password });
}
