using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Account;

/// <summary>Signing in and out, and the personal-data download: plain endpoints beside the pages.</summary>
public static class AccountEndpoints
{
    /// <summary>The page that asks to sign in (and says why: a session that expired, a sign-in that failed).</summary>
    public const string SignInPage = "/connexion";

    public const string ReturnParameter = "retour";

    public const string MemberHome = "/espace";

    public const string PersonalDataPage = "/espace/donnees";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/connexion/membre", SignIn).ExcludeFromDescription();
        app.MapPost("/deconnexion", SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapGet("/espace/mes-donnees.json", DownloadPersonalData).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Off to membership's sign-in page, then back to where the member was going (a page of this site only). When the
    /// platform's discovery document cannot be read, the sign-in page says the service is down.
    /// </summary>
    public static async Task SignIn(HttpContext http, ILogger<SiteOptions> logger, string? retour = null)
    {
        http.Response.Cookies.Delete(SiteAuthentication.ExpiredCookie);
        try
        {
            await http.ChallengeAsync(SiteAuthentication.OidcScheme, new AuthenticationProperties { RedirectUri = LocalOrHome(retour) });
        }
        catch (InvalidOperationException error)
        {
            logger.LogWarning(error, "The platform's sign-in could not be reached.");
            http.Response.Redirect($"{SignInPage}?erreur=indisponible&{ReturnParameter}={Uri.EscapeDataString(LocalOrHome(retour))}");
        }
    }

    /// <summary>Ends the session here and at the platform (its sign-in cookie too), then back to the home page.</summary>
    /// <remarks>
    /// The local session goes first; the OpenID Connect handler still finds the identity token it sends as a hint in
    /// this request's authentication result.
    /// </remarks>
    public static IResult SignOut(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/?deconnecte=1" }, [SiteAuthentication.CookieScheme, SiteAuthentication.OidcScheme])
            : Results.LocalRedirect("/");

    public static async Task<IResult> DownloadPersonalData(HttpContext http, MemberClient member, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return Results.LocalRedirect(SignInPage);
        }

        try
        {
            var json = await member.PersonalDataAsync(memberId, cancellationToken);
            return Results.File(json, "application/json", "mes-donnees-tiers-lieux-occitanie.json");
        }
        catch (SessionExpiredException)
        {
            return Results.LocalRedirect($"{SignInPage}?{ReturnParameter}={Uri.EscapeDataString(PersonalDataPage)}");
        }
        catch (PlatformUnavailableException)
        {
            return Results.LocalRedirect($"{PersonalDataPage}?indisponible=1");
        }
    }

    public static string LocalOrHome(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : MemberHome;
}
