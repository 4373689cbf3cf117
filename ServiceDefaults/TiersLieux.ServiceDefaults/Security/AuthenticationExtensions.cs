using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TiersLieux.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    /// <summary>The HttpClient that reads membership's discovery document and keys (service discovery applies).</summary>
    public const string IdentityHttpClient = "identity";

    /// <summary>Configuration key of the authority; by default membership found through service discovery.</summary>
    public const string AuthorityKey = "Identity:Authority";

    public const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>
    /// Validates membership's JWT access tokens (signature, issuer, audience, lifetime) from its discovery document,
    /// found like any peer through the discovery contract: <c>http://membership-api</c> resolves from
    /// <c>services:membership-api:http:*</c>, so the same service runs under our AppHost, a real Aspire AppHost or with
    /// <c>Identity:Authority</c> set to any URL. Keys are fetched on first use and again when an unknown key id shows up.
    /// </summary>
    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHttpClient(IdentityHttpClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory, IConfiguration>((options, http, configuration) =>
            {
                var authority = (configuration[AuthorityKey] ?? $"http://{ResourceNames.MembershipApi}").TrimEnd('/');
                options.MetadataAddress = authority + DiscoveryPath;
                // Inside the platform the hop to membership is plain HTTP on loopback or a private network; TLS ends at the edge.
                options.RequireHttpsMetadata = false;
                options.Backchannel = http.CreateClient(IdentityHttpClient);
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = PlatformClaims.Name;
                options.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                options.TokenValidationParameters.ValidAudience = PlatformClaims.Audience;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            });
        builder.AddPlatformAuthorization();
        return builder;
    }

    /// <summary>The platform's policies (<see cref="PlatformPolicies"/>), whatever scheme authenticated the caller.</summary>
    public static TBuilder AddPlatformAuthorization<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformPolicies.SignedIn, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.Role, PlatformRoles.All))
            .AddPolicy(PlatformPolicies.Operator, policy => policy.RequireAuthenticatedUser()
                .RequireRole(PlatformRoles.NetworkAdmin, PlatformRoles.PlaceOperator))
            .AddPolicy(PlatformPolicies.NetworkAdmin, policy => policy.RequireAuthenticatedUser()
                .RequireRole(PlatformRoles.NetworkAdmin));
        return builder;
    }
}
