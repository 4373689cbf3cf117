using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersLieux.Membership.Api.Apis;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// /account/forgot-password and /account/choose-password: a member who forgot their password, or was registered by
/// an operator and never had one, gets an emailed link (<see cref="PasswordLink"/>) and chooses a password on it.
/// The forgotten-password page answers the same whether or not the address is a member's; a link sets a password
/// once, even when two browsers post it together.
/// </summary>
public static class PasswordLinksApi
{
    public const string ForgotPasswordPath = "/account/forgot-password";
    public const string ChoosePasswordPath = "/account/choose-password";

    public static IEndpointRouteBuilder MapPasswordLinksApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("/forgot-password", ShowForgotPassword).WithName("ShowForgotPassword");
        account.MapPost("/forgot-password", ForgotPassword).WithName("ForgotPassword").DisableAntiforgery();
        account.MapGet("/choose-password", ShowChoosePassword).WithName("ShowChoosePassword");
        account.MapPost("/choose-password", ChoosePassword).WithName("ChoosePassword").DisableAntiforgery();
        return app;
    }

    public static IResult ShowForgotPassword(HttpContext http, IAntiforgery antiforgery) => Forgot(http, antiforgery, email: null, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> ForgotPassword(HttpContext http, IAntiforgery antiforgery, MembershipDbContext db, IOptions<IdentityOptions> identity,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(http, antiforgery, cancellationToken) is not { } form)
        {
            return Expired(http, ForgotPasswordPath);
        }

        var email = form["email"].ToString().Trim();
        if (email.Length is 0 or > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            return Forgot(http, antiforgery, email, "Indiquez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.", StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        var normalised = Member.NormaliseEmail(email);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.NormalisedEmail == normalised && m.Status != MemberStatus.Erased, cancellationToken);
        var justSent = member is not null && await db.PasswordLinks.AnyAsync(
            l => l.MemberId == member.Id && l.Purpose == PasswordLinkPurpose.Reset && l.CreatedAt > now - PasswordLink.ResendInterval, cancellationToken);
        if (member is not null && !justSent)
        {
            var (link, token) = PasswordLink.Issue(member.Id, PasswordLinkPurpose.Reset, now);
            db.PasswordLinks.Add(link);
            db.AddIntegrationEvent(MembershipEvents.ResetRequested(link, LinkUrl(http, identity.Value, token), now), clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        return AccountPageLayout.Page(http, PasswordPages.Sent(Path(http, SignInApi.LoginPath)), StatusCodes.Status200OK);
    }

    public static async Task<IResult> ShowChoosePassword(HttpContext http, IAntiforgery antiforgery, MembershipDbContext db, TimeProvider clock,
        string? token, CancellationToken cancellationToken)
    {
        var link = await FindUsableAsync(db, token, clock.GetUtcNow(), cancellationToken);
        return link is null ? Invalid(http) : Choose(http, antiforgery, link.Purpose, token!, error: null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> ChoosePassword(HttpContext http, IAntiforgery antiforgery, MembershipDbContext db, IPasswordHasher<Account> hasher,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(http, antiforgery, cancellationToken) is not { } form)
        {
            return Expired(http, ChoosePasswordPath);
        }

        var token = form["token"].ToString();
        var password = form["newPassword"].ToString();
        var now = clock.GetUtcNow();
        var link = await FindUsableAsync(db, token, now, cancellationToken);
        if (link is null)
        {
            return Invalid(http);
        }

        var errors = Account.ValidatePassword(password);
        if (errors.Any || password != form["confirmPassword"].ToString())
        {
            var error = errors.Any
                ? $"Ce mot de passe ne convient pas : de {Account.MinPasswordLength} à {Account.MaxPasswordLength} caractères, dont au moins 4 différents, sans espace au début ni à la fin."
                : "Les deux mots de passe ne sont pas les mêmes.";
            return Choose(http, antiforgery, link.Purpose, token, error, StatusCodes.Status400BadRequest);
        }

        var hash = PasswordLink.Hash(token);
        var set = await db.InTransactionAsync(async ct =>
        {
            // The one place the single use holds: of two posts of the same link, the second waits on the row lock,
            // then finds it spent and updates nothing.
            var spent = await db.PasswordLinks.Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
                .ExecuteUpdateAsync(update => update.SetProperty(l => l.UsedAt, now), ct);
            if (spent == 0)
            {
                return false;
            }

            // Every other link of the member goes too: the password they just chose is the one that counts.
            await db.PasswordLinks.Where(l => l.MemberId == link.MemberId && l.UsedAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(l => l.UsedAt, now), ct);
            var account = await AccountsApi.FindOrNewAsync(db, link.MemberId, ct, tracked: true);
            account.SetPasswordHash(hasher.HashPassword(account, password), now);
            return true;
        }, cancellationToken, commitIf: done => done);

        return set ? AccountPageLayout.Page(http, PasswordPages.Done(Path(http, SignInApi.LoginPath)), StatusCodes.Status200OK) : Invalid(http);
    }

    /// <summary>The welcome link of a member an operator registers (they have no password yet); saved with the caller's changes.</summary>
    public static void Invite(MembershipDbContext db, HttpContext http, IdentityOptions identity, Guid memberId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(identity);
        var now = clock.GetUtcNow();
        var (link, token) = PasswordLink.Issue(memberId, PasswordLinkPurpose.Invitation, now);
        db.PasswordLinks.Add(link);
        db.AddIntegrationEvent(MembershipEvents.InvitationIssued(link, LinkUrl(http, identity, token), now), clock);
    }

    private static async Task<PasswordLink?> FindUsableAsync(MembershipDbContext db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PasswordLink.IsWellFormed(token))
        {
            return null;
        }

        var hash = PasswordLink.Hash(token!);
        var link = await db.PasswordLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is not null && link.IsUsable(now) ? link : null;
    }

    /// <summary>The page's public address (the issuer's: the gateway, as the member's browser reaches it) with the token.</summary>
    private static Uri LinkUrl(HttpContext http, IdentityOptions identity, string token)
    {
        var root = identity.Issuer?.ToString() ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return new Uri($"{root.TrimEnd('/')}{ChoosePasswordPath}?token={token}");
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            // Checked by hand: the form is read here, so the endpoint carries no automatic antiforgery metadata.
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }

        return await http.Request.ReadFormAsync(cancellationToken);
    }

    private static IResult Forgot(HttpContext http, IAntiforgery antiforgery, string? email, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return AccountPageLayout.Page(http, PasswordPages.Forgot(Path(http, ForgotPasswordPath), tokens.FormFieldName, tokens.RequestToken!, email, error), status);
    }

    private static IResult Choose(HttpContext http, IAntiforgery antiforgery, PasswordLinkPurpose purpose, string token, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return AccountPageLayout.Page(http,
            PasswordPages.Choose(purpose, Path(http, ChoosePasswordPath), tokens.FormFieldName, tokens.RequestToken!, token, error), status);
    }

    private static IResult Invalid(HttpContext http) =>
        AccountPageLayout.Page(http, PasswordPages.Invalid(Path(http, ForgotPasswordPath)), StatusCodes.Status400BadRequest);

    /// <summary>A form posted without its page (expired antiforgery, not a form): the problem, as the sign-in form answers it.</summary>
    private static IResult Expired(HttpContext http, string page) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired.", detail: $"Reload {Path(http, page)} and try again.");

    private static string Path(HttpContext http, string path) => $"{http.Request.PathBase}{path}";
}
