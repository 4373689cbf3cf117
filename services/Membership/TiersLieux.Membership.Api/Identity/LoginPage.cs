namespace TiersLieux.Membership.Api.Identity;

/// <summary>The minimal server-rendered sign-in page (no script): email, password, the antiforgery token, the return URL.</summary>
internal static class LoginPage
{
    public static string Render(string action, string antiforgeryField, string antiforgeryToken, string returnUrl, string? email, string? error,
        string forgotPasswordUrl)
    {
        var html = AccountPageLayout.Html;
        return AccountPageLayout.Render("Connexion", $$"""
                <h1>Se connecter</h1>
                <p>Réseau des tiers-lieux d'Occitanie</p>
                {{AccountPageLayout.Error(error)}}
                <form method="post" action="{{html.Encode(action)}}">
                  <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
                  <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
                  <label for="email">Adresse e-mail</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{{html.Encode(email ?? "")}}">
                  <label for="password">Mot de passe</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Se connecter</button>
                </form>
                <p><a href="{{html.Encode(forgotPasswordUrl)}}">Mot de passe oublié ?</a></p>
            """);
    }
}
