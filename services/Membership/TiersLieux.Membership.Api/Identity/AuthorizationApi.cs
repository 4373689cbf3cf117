using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// /connect/authorize and /connect/endsession: the browser side of the authorization code flow (PKCE required).
/// OpenIddict has validated the client, redirect URI, scopes and code challenge before these run.
/// </summary>
public static class AuthorizationApi
{
    public const string AuthorizePath = "/connect/authorize";
    public const string EndSessionPath = "/connect/endsession";

    public static IEndpointRouteBuilder MapAuthorizationApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize).WithName("Authorize").WithTags("Identity")
            .DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession).WithName("EndSession").WithTags("Identity")
            .DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Authorize(HttpContext http, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(SignInApi.SessionScheme);
        var memberId = session.Succeeded && Guid.TryParse(session.Principal.FindFirst(PlatformClaims.Subject)?.Value, out var id) ? id : (Guid?)null;
        if (memberId is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The member is not signed in.");
            }

            return SignInAgain(http, request);
        }

        var identity = await PersonIdentity.CreateAsync(db, memberId.Value, request.GetScopes(), cancellationToken);
        if (identity is null)
        {
            // Suspended or erased since the session began: the session ends here.
            await http.SignOutAsync(SignInApi.SessionScheme);
            return Forbid(Errors.AccessDenied, "This membership may not sign in.");
        }

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(SignInApi.SessionScheme);
        // OpenIddict sends the browser to the client's registered post_logout_redirect_uri (or answers itself).
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Sends the browser to the sign-in page, then back to this same authorization request.</summary>
    private static IResult SignInAgain(HttpContext http, OpenIddictRequest request)
    {
        // prompt=login is honoured once: the request the browser comes back with no longer asks for it.
        var parameters = (http.Request.HasFormContentType ? http.Request.Form.ToList() : [.. http.Request.Query])
            .Where(parameter => parameter.Key != Parameters.Prompt || !request.HasPromptValue(PromptValues.Login))
            .Select(parameter => KeyValuePair.Create(parameter.Key, (StringValues)parameter.Value.ToString()));
        var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [SignInApi.SessionScheme]);
    }

    internal static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
