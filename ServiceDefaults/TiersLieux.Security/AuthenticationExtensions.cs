using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TiersLieux.Security;

public static class AuthenticationExtensions
{
    /// <summary>The HttpClient that reads membership's discovery document and keys (service discovery applies).</summary>
    public const string IdentityHttpClient = "identity";

    /// <summary>Configuration key of the authority; by default the identity resource found through service discovery.</summary>
    public const string AuthorityKey = "Identity:Authority";

    public const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>
    /// Validates membership's JWT access tokens (signature, issuer, audience, lifetime) from its discovery document,
    /// found like any peer through the discovery contract: <c>http://&lt;identityResource&gt;</c> resolves from
    /// <c>services:&lt;identityResource&gt;:http:*</c>, so the same service runs under the AppHost or with
    /// <c>Identity:Authority</c> set to any URL. Keys are fetched on first use and again when an unknown key id shows up.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="identityResource">The resource that issues the tokens (membership), as the AppHost names it.</param>
    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder, string identityResource) where TBuilder : IHostApplicationBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identityResource);
        builder.Services.AddHttpClient(IdentityHttpClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory, IConfiguration>((options, http, configuration) =>
            {
                var authority = (configuration[AuthorityKey] ?? $"http://{identityResource}").TrimEnd('/');
                options.MetadataAddress = authority + DiscoveryPath;
                // Inside the platform the hop to membership is plain HTTP on loopback or a private network; TLS ends at the edge.
                options.RequireHttpsMetadata = false;
                options.Backchannel = http.CreateClient(IdentityHttpClient);
                // Membership publishes a new key a day before it signs with it (its KeyPublishLead): hourly, every
                // service has it long before. A key id never seen (a leaked key replaced at once) makes it look again,
                // at most every 30 s rather than the default 5 min during which such tokens would be refused.
                options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
                options.RefreshInterval = TimeSpan.FromSeconds(30);
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
