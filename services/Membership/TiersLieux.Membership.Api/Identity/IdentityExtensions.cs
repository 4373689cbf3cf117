using Microsoft.Extensions.Options;
using OpenIddict.Server;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.ServiceDefaults.Security;

namespace TiersLieux.Membership.Api.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Membership is the platform's OpenID Connect server (OpenIddict 7.8, stores in membershipdb): discovery,
    /// JWKS, and client credentials for operator back-ends. Access tokens are signed JWTs (not encrypted) so every
    /// service can validate them from the discovery document.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration("Identity");
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<MembershipDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenApi.TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(PlatformClaims.ApiScope);
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends before the platform (the gateway or the host's proxy); the loopback hop is plain HTTP.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, IdentityKeyStore>();
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityOptions>>((server, identity) =>
        {
            if (identity.Value.Issuer is { } issuer)
            {
                server.Issuer = issuer;
            }
        });
        builder.Services.AddHostedService<ClientSeeder>();
        return builder;
    }
}
