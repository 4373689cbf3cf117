using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Account;

/// <summary>
/// Members sign in on membership's sign-in page (the platform's OpenID Connect server, through the gateway) with the
/// authorization code flow and PKCE; the site is a confidential client. The tokens never reach the browser: the
/// cookie carries only the key of a session kept on the server (<see cref="ServerSideSessions"/>), and the access
/// token is refreshed there (<see cref="TokenRefresher"/>).
/// </summary>
public static class SiteAuthentication
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Set when a session ends on its own (its refresh refused, or forgotten by the server): the next page says so.</summary>
    public const string ExpiredCookie = "tierslieux.site.expiree";

    public static IHostApplicationBuilder AddSiteAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<ServerSideSessions>();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AccessTokenHandler>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "tierslieux.site";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = AccountEndpoints.SignInPage;
                cookie.ReturnUrlParameter = AccountEndpoints.ReturnParameter;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.EventsType = typeof(TokenRefresher);
            })
            .AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.ResponseType = "code";
                // The code comes back in the address, not in a self-submitting form: the gateway's content security
                // policy forbids the inline script a form_post page needs.
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                // After membership replaces a leaked key, an id token with an unknown key id makes the site read the
                // keys again at once rather than refuse sign-ins for up to 5 minutes (the default).
                oidc.RefreshInterval = TimeSpan.FromSeconds(30);
                oidc.SignInScheme = CookieScheme;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = "role";
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", "offline_access", "tierslieux-api" })
                {
                    oidc.Scope.Add(scope);
                }

                oidc.Events.OnRemoteFailure = context =>
                {
                    // Back from the sign-in page with an error (a refused or stale request): a page says so, not a 500.
                    context.Response.Redirect($"{AccountEndpoints.SignInPage}?erreur=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<ServerSideSessions>((cookie, sessions) => cookie.SessionStore = sessions);
        builder.Services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<SiteOptions>>((oidc, site) =>
        {
            oidc.Authority = site.Value.PlatformUrl.ToString();
            oidc.RequireHttpsMetadata = site.Value.PlatformUrl.Scheme == Uri.UriSchemeHttps;
            oidc.ClientId = site.Value.ClientId;
            oidc.ClientSecret = site.Value.ClientSecret;
        });
        return builder;
    }
}
