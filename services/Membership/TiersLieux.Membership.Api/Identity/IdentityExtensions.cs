using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.Jobs;
using TiersLieux.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Membership is the platform's OpenID Connect server (OpenIddict 7.8, stores in membershipdb): discovery, JWKS,
    /// authorization code + PKCE with a sign-in page for people, refresh tokens, client credentials for operator
    /// back-ends. Access tokens are signed JWTs (not encrypted) so every service validates them from the discovery
    /// document. Membership's own APIs validate them in-process (OpenIddict's validation on the local server).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration("Identity");
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<MembershipDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizationApi.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenApi.TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(AuthorizationApi.EndSessionPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AllowRefreshTokenFlow();
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, PlatformClaims.ApiScope);
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends before the platform (the gateway or the host's proxy); the loopback hop is plain HTTP.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(PlatformClaims.Audience);
                validation.UseAspNetCore();
            });
        builder.Services.AddSingleton<IdentityKeyRotation>();
        builder.Services.AddSingleton<IdentityKeyReload>();
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(services => services.GetRequiredService<IdentityKeyReload>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>>(services => services.GetRequiredService<IdentityKeyReload>());
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, IdentityKeyStore>();
        builder.Services.AddHostedService<IdentityKeyRotationJob>();
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityOptions>>((server, identity) =>
        {
            if (identity.Value.Issuer is { } issuer)
            {
                server.Issuer = issuer;
            }

            server.AccessTokenLifetime = identity.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = identity.Value.RefreshTokenLifetime;
        });
        builder.Services.AddHostedService<ClientSeeder>();

        // The APIs take access tokens; the sign-in cookie answers /connect/authorize only.
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(SignInApi.SessionScheme, cookie =>
            {
                cookie.LoginPath = SignInApi.LoginPath;
                cookie.LogoutPath = SignInApi.LogoutPath;
                cookie.Cookie.Name = "tierslieux.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
        builder.AddPlatformAuthorization();
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "tierslieux.antiforgery");
        builder.Services.AddDataProtection().SetApplicationName("tierslieux-membership");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(keys => keys.XmlRepository = new DataProtectionKeyStore(services.GetRequiredService<IServiceScopeFactory>())));
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        return builder;
    }
}
