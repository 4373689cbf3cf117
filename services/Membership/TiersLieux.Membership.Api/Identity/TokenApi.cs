using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// /connect/token: client credentials for operator back-ends, authorization code (with PKCE) and refresh tokens for
/// people. OpenIddict has validated the request (client, secret, code verifier, token) before this runs.
/// </summary>
public static class TokenApi
{
    public const string TokenPath = "/connect/token";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, Exchange).WithName("Token").WithTags("Identity").DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Exchange(HttpContext http, IOpenIddictApplicationManager applications, MembershipDbContext db)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsClientCredentialsGrantType())
        {
            return await ClientCredentialsAsync(http, request, applications);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The principal stored in the code or refresh token; the person's claims are read again, fresh.
            var stored = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = stored.Principal?.GetClaim(Claims.Subject);
            var identity = Guid.TryParse(subject, out var memberId)
                ? await PersonIdentity.CreateAsync(db, memberId, stored.Principal!.GetScopes(), http.RequestAborted)
                : null;
            return identity is null
                ? AuthorizationApi.Forbid(Errors.InvalidGrant, "The member may no longer sign in.")
                : Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return AuthorizationApi.Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> ClientCredentialsAsync(HttpContext http, OpenIddictRequest request, IOpenIddictApplicationManager applications)
    {
        // OpenIddict has already authenticated the client (id and secret) before this runs.
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
        if (application is null)
        {
            return AuthorizationApi.Forbid(Errors.InvalidClient, "The client is unknown.");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, http.RequestAborted));
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, http.RequestAborted));
        var properties = await applications.GetPropertiesAsync(application, http.RequestAborted);
        identity.SetClaims(Claims.Role, [.. Strings(properties, ClientSeeder.RolesProperty)]);
        identity.SetClaims(PlatformClaims.PlaceId, [.. Strings(properties, ClientSeeder.PlacesProperty)]);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(PlatformClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IEnumerable<string> Strings(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.ToString())
            : [];
}
