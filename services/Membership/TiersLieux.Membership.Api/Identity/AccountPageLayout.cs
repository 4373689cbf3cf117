using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// The frame of membership's server-rendered pages (sign-in, forgotten password, choosing a password): French, no
/// script, readable on a phone, and the headers that keep a password form from being framed, cached or leaking its
/// link through a Referer.
/// </summary>
internal static class AccountPageLayout
{
    // French text stays readable in the page source; markup characters are still encoded.
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string title, string body) => $$"""
        <!doctype html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{Html.Encode(title)}} · Réseau des tiers-lieux d'Occitanie</title>
          <style>
            body { font-family: system-ui, sans-serif; background: #f4f1ea; display: grid; place-items: center; min-height: 100vh; margin: 0; }
            main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: min(22rem, 90vw); box-sizing: border-box; }
            h1 { font-size: 1.3rem; margin-top: 0; }
            label { display: block; margin: 1rem 0 .3rem; }
            input[type=email], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
            button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #b3432b; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
            a { color: #8a2f1c; }
            .hint { font-size: .9rem; color: #555; margin: .3rem 0 0; }
            .error { color: #a00; }
          </style>
        </head>
        <body>
          <main>
        {{body}}
          </main>
        </body>
        </html>
        """;

    /// <summary>A page answer with the headers every page of the sign-in UI carries.</summary>
    public static IResult Page(HttpContext http, string html, int status)
    {
        http.Response.Headers.CacheControl = "no-store";
        // Never framed by another site (clickjacking on the password form).
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action {FormTargets(http)}; frame-ancestors 'none'";
        // A password link's token is in the address: no other site sees it in a Referer.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// Where the sign-in form may lead: here, and the registered clients' sites. A browser applies form-action to every
    /// redirect after the form is sent, and a successful sign-in ends at the client's redirect URI (through
    /// /connect/authorize): with 'self' alone, Chromium stopped on the sign-in page.
    /// </summary>
    private static string FormTargets(HttpContext http)
    {
        var clients = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.Clients;
        var origins = clients.SelectMany(client => client.RedirectUris).Where(uri => uri.IsAbsoluteUri)
            .Select(uri => uri.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);
        return string.Join(' ', ["'self'", .. origins]);
    }

    public static string Error(string? error) => error is null ? "" : $"""<p class="error" role="alert">{Html.Encode(error)}</p>""";
}
