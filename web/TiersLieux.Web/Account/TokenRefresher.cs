using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace TiersLieux.Web.Account;

/// <summary>
/// Keeps a session's access token fresh: a minute before it expires, the refresh token buys a new pair at the token
/// endpoint. A refused refresh (the member suspended or erased, the refresh token expired) ends the session; the next
/// page tells the member it expired and offers to sign in again.
/// </summary>
public sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptions, TimeProvider clock, ILogger<TokenRefresher> logger)
    : CookieAuthenticationEvents
{
    /// <summary>How long before its expiry an access token is renewed.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresAt)
            && expiresAt > now + Margin)
        {
            return;
        }

        if (context.Properties.GetTokenValue("refresh_token") is not { } refreshToken || await RefreshAsync(context, refreshToken, now) is not true)
        {
            await EndAsync(context);
        }
    }

    /// <summary>True when new tokens were stored; false when the platform refused; null when it could not be asked.</summary>
    private async Task<bool?> RefreshAsync(CookieValidatePrincipalContext context, string refreshToken, DateTimeOffset now)
    {
        var oidc = oidcOptions.Get(SiteAuthentication.OidcScheme);
        var cancellationToken = context.HttpContext.RequestAborted;
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = oidc.ClientId!,
                    ["client_secret"] = oidc.ClientSecret ?? "",
                }),
            };
            using var response = await oidc.Backchannel.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("The token endpoint refused a refresh ({Status}): the session ends.", (int)response.StatusCode);
                return false;
            }

            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var tokens = answer.RootElement;
            context.Properties.UpdateTokenValue("access_token", tokens.GetProperty("access_token").GetString()!);
            if (tokens.TryGetProperty("refresh_token", out var rotated))
            {
                context.Properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
            }

            var lifetime = tokens.TryGetProperty("expires_in", out var seconds) ? TimeSpan.FromSeconds(seconds.GetInt32()) : TimeSpan.FromMinutes(5);
            context.Properties.UpdateTokenValue("expires_at", (now + lifetime).ToString("o", CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
            return true;
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or JsonException
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The platform cannot be asked now: the session ends, and signing in again will say whether it is down.
            logger.LogWarning(error, "The token endpoint did not answer a refresh.");
            return null;
        }
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SiteAuthentication.CookieScheme);
        context.HttpContext.Response.Cookies.Append(SiteAuthentication.ExpiredCookie, "1", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
        });
    }
}
