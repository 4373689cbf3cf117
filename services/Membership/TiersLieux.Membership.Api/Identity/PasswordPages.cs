using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>The pages of a forgotten or first password: ask for a link, the link sent, choose the password, done.</summary>
internal static class PasswordPages
{
    public static string Forgot(string action, string antiforgeryField, string antiforgeryToken, string? email, string? error)
    {
        var html = AccountPageLayout.Html;
        return AccountPageLayout.Render("Mot de passe oublié", $$"""
                <h1>Mot de passe oublié</h1>
                <p>Indiquez l'adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.</p>
                {{AccountPageLayout.Error(error)}}
                <form method="post" action="{{html.Encode(action)}}">
                  <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
                  <label for="email">Adresse e-mail</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{{html.Encode(email ?? "")}}">
                  <button type="submit">Recevoir le lien</button>
                </form>
            """);
    }

    /// <summary>The same words whether or not the address is a member's: the page tells nobody who is one.</summary>
    public static string Sent(string loginUrl) => AccountPageLayout.Render("Lien envoyé", $$"""
                <h1>Vérifiez votre messagerie</h1>
                <p role="status">Si un compte correspond à cette adresse, un e-mail vient de partir avec un lien pour choisir un nouveau mot de passe. Le lien vaut une heure et ne sert qu'une fois.</p>
                <p>Rien reçu après quelques minutes ? Regardez dans les indésirables, ou adressez-vous à votre tiers-lieu.</p>
                <p><a href="{{AccountPageLayout.Html.Encode(loginUrl)}}">Retour à la connexion</a></p>
            """);

    public static string Choose(PasswordLinkPurpose purpose, string action, string antiforgeryField, string antiforgeryToken, string token, string? error)
    {
        var html = AccountPageLayout.Html;
        var title = purpose == PasswordLinkPurpose.Invitation ? "Choisir votre mot de passe" : "Choisir un nouveau mot de passe";
        return AccountPageLayout.Render(title, $$"""
                <h1>{{html.Encode(title)}}</h1>
                {{AccountPageLayout.Error(error)}}
                <form method="post" action="{{html.Encode(action)}}">
                  <input type="hidden" name="{{html.Encode(antiforgeryField)}}" value="{{html.Encode(antiforgeryToken)}}">
                  <input type="hidden" name="token" value="{{html.Encode(token)}}">
                  <label for="newPassword">Nouveau mot de passe</label>
                  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength="{{Account.MinPasswordLength}}" maxlength="{{Account.MaxPasswordLength}}" aria-describedby="password-rules">
                  <p id="password-rules" class="hint">De {{Account.MinPasswordLength}} à {{Account.MaxPasswordLength}} caractères, dont au moins 4 différents.</p>
                  <label for="confirmPassword">Le même, une seconde fois</label>
                  <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required>
                  <button type="submit">Enregistrer le mot de passe</button>
                </form>
            """);
    }

    public static string Done(string loginUrl) => AccountPageLayout.Render("Mot de passe enregistré", $$"""
                <h1>Mot de passe enregistré</h1>
                <p role="status">Votre mot de passe est enregistré : vous pouvez vous connecter avec lui.</p>
                <p><a href="{{AccountPageLayout.Html.Encode(loginUrl)}}">Se connecter</a></p>
            """);

    public static string Invalid(string forgotUrl) => AccountPageLayout.Render("Lien expiré", $$"""
                <h1>Ce lien ne sert plus</h1>
                <p role="alert">Le lien a déjà servi, a expiré ou est incomplet. Demandez-en un nouveau : il arrive en quelques minutes.</p>
                <p><a href="{{AccountPageLayout.Html.Encode(forgotUrl)}}">Recevoir un nouveau lien</a></p>
            """);
}
