using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>The minimal server-rendered sign-in page (no script): email, password, the antiforgery token, the return URL.</summary>
internal static class LoginPage
{
    // French text stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string action, string antiforgeryField, string antiforgeryToken, string returnUrl, string? email, string? error)
    {
        var html = Html;
        var message = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        return $$"""
            <!doctype html>
            <html lang="fr">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Connexion · Réseau des tiers-lieux d'Occitanie</title>
              <style>
                body { font-family: system-ui, sans-serif; background: #f4f1ea; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: min(22rem, 90vw); }
                h1 { font-size: 1.3rem; margin-top: 0; }
                label { display: block; margin: 1rem 0 .3rem; }
                input[type=email], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
                button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #b3432b; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
                .error { color: #a00; }
              </style>
            </head>
            <body>
              <main>
                <h1>Se connecter</h1>
                <p>Réseau des tiers-lieux d'Occitanie</p>
                {{message}}
                <form method="post" action="{{html.Encode(action)}}">
                  <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
                  <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
                  <label for="email">Adresse e-mail</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{{html.Encode(email ?? "")}}">
                  <label for="password">Mot de passe</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Se connecter</button>
                </form>
              </main>
            </body>
            </html>
            """;
    }
}
