using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// /account/login: where the authorization endpoint sends a browser that has no session. A member signs in with
/// their email and password; five wrong passwords in a row lock the account for 15 minutes. The session is a cookie
/// of membership's own, used only to answer /connect/authorize: the APIs take access tokens, never this cookie.
/// </summary>
public static class SignInApi
{
    public const string SessionScheme = "membership-session";
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    private const string WrongCredentials = "Adresse e-mail ou mot de passe incorrect.";

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("/login", ShowLogin).WithName("ShowLogin");
        account.MapPost("/login", Login).WithName("Login").DisableAntiforgery();
        account.MapPost("/logout", (Delegate)Logout).WithName("Logout").DisableAntiforgery();
        return app;
    }

    public static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, string? returnUrl = null) =>
        Page(http, antiforgery, LocalOrRoot(returnUrl), email: null, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, MembershipDbContext db,
        IPasswordHasher<Account> hasher, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The sign-in form is posted as a form.");
        }

        try
        {
            // Checked by hand: the form is read here, so the endpoint carries no automatic antiforgery metadata.
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-in form has expired.",
                detail: "Reload the sign-in page and try again.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
        var logger = loggers.CreateLogger(typeof(SignInApi));
        var now = clock.GetUtcNow();

        var normalised = Member.NormaliseEmail(email);
        var member = email.Length is > 0 and <= 254
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.NormalisedEmail == normalised, cancellationToken)
            : null;
        var account = member is null ? null : await db.Accounts.FirstOrDefaultAsync(a => a.MemberId == member.Id, cancellationToken);
        if (member is null || account?.PasswordHash is null || password.Length > Account.MaxPasswordLength)
        {
            // The same work and the same answer as a wrong password, so the page does not tell who is a member.
            hasher.VerifyHashedPassword(Account.For(Guid.Empty), TimingDecoy.Hash(hasher), password);
            return Page(http, antiforgery, returnUrl, email, WrongCredentials, StatusCodes.Status401Unauthorized);
        }

        SignInOutcome outcome;
        (string? Hash, PasswordVerificationResult Result) verified = (null, PasswordVerificationResult.Failed);
        for (var attempt = 1; ; attempt++)
        {
            // The hash is checked once (PBKDF2 is slow on purpose), again only if a retry finds it changed.
            if (account.PasswordHash is { } hash && hash != verified.Hash)
            {
                verified = (hash, hasher.VerifyHashedPassword(account, hash, password));
            }

            var verification = account.PasswordHash is null ? PasswordVerificationResult.Failed : verified.Result;
            var matched = verification is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
            outcome = account.RecordSignIn(matched, now);
            if (outcome == SignInOutcome.SignedIn && verification == PasswordVerificationResult.SuccessRehashNeeded)
            {
                account.SetPasswordHash(hasher.HashPassword(account, password), now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                // The same account signing in twice at once (two devices, a double click; the soak bench met it): the
                // later sign-in counts again on the account as the first left it, so every wrong password still counts.
                await db.Entry(account).ReloadAsync(cancellationToken);
            }
        }

        switch (outcome)
        {
            case SignInOutcome.LockedOut:
                logger.LogWarning("Sign-in refused: account of member {MemberId} locked until {LockedUntil}.", member.Id, account.LockedUntil);
                return Page(http, antiforgery, returnUrl, email,
                    $"Trop d'essais infructueux : compte verrouillé jusqu'à {account.LockedUntil!.Value.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.",
                    StatusCodes.Status401Unauthorized);
            case SignInOutcome.SignedIn when member.Status != MemberStatus.Active:
                return Page(http, antiforgery, returnUrl, email, "Cette adhésion est suspendue : adressez-vous à votre tiers-lieu.", StatusCodes.Status403Forbidden);
            case SignInOutcome.SignedIn:
                var session = new ClaimsIdentity(SessionScheme, PlatformClaims.Name, PlatformClaims.Role);
                session.AddClaim(new Claim(PlatformClaims.Subject, member.Id.ToString()));
                session.AddClaim(new Claim(PlatformClaims.Name, member.DisplayName));
                await http.SignInAsync(SessionScheme, new ClaimsPrincipal(session));
                return Results.LocalRedirect(returnUrl);
            default:
                return Page(http, antiforgery, returnUrl, email, WrongCredentials, StatusCodes.Status401Unauthorized);
        }
    }

    public static async Task<IResult> Logout(HttpContext http)
    {
        await http.SignOutAsync(SessionScheme);
        return Results.LocalRedirect(LoginPath);
    }

    /// <summary>Only a path of this site: never an open redirect to somebody else's page.</summary>
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? email, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var action = $"{http.Request.PathBase}{LoginPath}";
        var forgotPassword = $"{http.Request.PathBase}{PasswordLinksApi.ForgotPasswordPath}";
        return AccountPageLayout.Page(http, LoginPage.Render(action, tokens.FormFieldName, tokens.RequestToken!, returnUrl, email, error, forgotPassword), status);
    }

    /// <summary>A hash of a random password, made once, to spend on unknown emails the time a real check takes.</summary>
    private static class TimingDecoy
    {
        private static string? _hash;

        public static string Hash(IPasswordHasher<Account> hasher) =>
            _hash ??= hasher.HashPassword(Account.For(Guid.Empty), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }
}
