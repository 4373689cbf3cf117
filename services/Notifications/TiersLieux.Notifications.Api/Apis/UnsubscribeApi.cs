using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Notifications.Api.Apis;

/// <summary>
/// One-click unsubscribe (RFC 8058), without signing in: the mail client POSTs to the address of the mail's
/// <c>List-Unsubscribe</c> header; a person following the link in the mail gets a page whose button does the same
/// (a GET changes nothing: link scanners open links). The token in the address is the only key, one per mail.
/// </summary>
public static partial class UnsubscribeApi
{
    public static RouteGroupBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var unsubscribe = app.MapGroup("/api/notifications/unsubscribe").WithTags("Unsubscribe").AllowAnonymous();
        unsubscribe.MapGet("/{token}", Confirm).WithName("UnsubscribePage").WithSummary("The page behind a mail's unsubscribe link (changes nothing).");
        unsubscribe.MapPost("/{token}", Unsubscribe).WithName("Unsubscribe").WithSummary("Stops the emails of the mail's category (RFC 8058 one-click).")
            .DisableAntiforgery();
        return unsubscribe;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Confirm(string token, HttpRequest request, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var category = await CategoryAsync(db, token, cancellationToken);
        if (category is null)
        {
            return WantsHtml(request) ? UnknownLinkPage() : UnknownLink(token);
        }

        var action = HtmlEncoder.Default.Encode($"/api/notifications/unsubscribe/{token}");
        return TypedResults.Content(Page("Ne plus recevoir ces emails",
            $"<p>Vous ne recevrez plus les emails « {CategoryName(category.Value)} ». Les messages importants (annulations, sécurité de votre compte) continueront de vous parvenir.</p>" +
            $"<form method=\"post\" action=\"{action}\"><button type=\"submit\">Confirmer</button></form>"), "text/html; charset=utf-8");
    }

    public static async Task<Results<Ok<UnsubscribeResponse>, ContentHttpResult, ProblemHttpResult>> Unsubscribe(string token, HttpRequest request, NotificationsDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var mail = IsToken(token) ? await db.OutgoingMails.AsNoTracking().FirstOrDefaultAsync(m => m.UnsubscribeToken == token, cancellationToken) : null;
        var memberId = mail is null ? (Guid?)null
            : await db.Notifications.Where(n => n.Id == mail.NotificationId).Select(n => (Guid?)n.MemberId).FirstOrDefaultAsync(cancellationToken);
        if (mail is null || memberId is null)
        {
            return WantsHtml(request) ? UnknownLinkPage() : UnknownLink(token);
        }

        if (!await db.EmailOptOuts.AnyAsync(o => o.MemberId == memberId && o.Category == mail.Category, cancellationToken))
        {
            db.EmailOptOuts.Add(new EmailOptOut { MemberId = memberId.Value, Category = mail.Category, At = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return WantsHtml(request)
            ? TypedResults.Content(Page("Désinscription enregistrée",
                $"<p>C'est noté : vous ne recevrez plus les emails « {CategoryName(mail.Category)} ». Vous pouvez changer d'avis dans les préférences de votre espace membre.</p>"),
                "text/html; charset=utf-8")
            : TypedResults.Ok(new UnsubscribeResponse(mail.Category.ToString().ToLowerInvariant(), true));
    }

    private static async Task<NotificationCategory?> CategoryAsync(NotificationsDbContext db, string token, CancellationToken cancellationToken) =>
        IsToken(token)
            ? await db.OutgoingMails.Where(m => m.UnsubscribeToken == token).Select(m => (NotificationCategory?)m.Category).FirstOrDefaultAsync(cancellationToken)
            : null;

    private static ProblemHttpResult UnknownLink(string token) => Problems.NotFound("Unsubscribe link", token[..Math.Min(token.Length, 64)]);

    /// <summary>A browser gets a page that says so (an erased member's links go with their mails).</summary>
    private static ContentHttpResult UnknownLinkPage() => TypedResults.Content(Page("Lien inconnu",
        "<p>Ce lien de désinscription n'est pas, ou plus, valable. Vos préférences d'emails se règlent aussi dans votre espace membre.</p>"),
        "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static bool WantsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsToken(string token) => TokenPattern().IsMatch(token);

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex TokenPattern();

    private static string CategoryName(NotificationCategory category) => category switch
    {
        NotificationCategory.Bookings => "réservations",
        NotificationCategory.Trainings => "formations",
        NotificationCategory.Subscriptions => "abonnements",
        NotificationCategory.Qualifications => "habilitations",
        NotificationCategory.Network => "actualités du réseau",
        _ => category.ToString(),
    };

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{HtmlEncoder.Default.Encode(title)} — Réseau des tiers-lieux d'Occitanie</title></head>" +
        "<body style=\"font-family:system-ui,sans-serif;max-width:36em;margin:2em auto;padding:0 1em;line-height:1.5\">" +
        $"<main><h1>{HtmlEncoder.Default.Encode(title)}</h1>{body}</main></body></html>";
}
