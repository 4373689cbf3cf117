namespace TiersLieux.Web.Platform;

/// <summary>The platform's codes and refusals in the words an operator or the network team reads.</summary>
public static class ConsoleWords
{
    public static string MemberStatus(string status) => status switch
    {
        "active" => "Actif",
        "suspended" => "Suspendu",
        "erased" => "Effacé",
        _ => status,
    };

    public static string SessionStatus(string status) => status switch
    {
        "scheduled" => "Programmée",
        "cancelled" => "Annulée",
        "completed" => "Terminée",
        _ => status,
    };

    /// <summary>
    /// A field the API refused (its 422), in French: the fields of the console's forms are known, and an unknown
    /// message is shown as the API wrote it rather than hidden.
    /// </summary>
    public static string FieldMessage(string field, string message) => (field, message) switch
    {
        (_, var m) when m.EndsWith(" is required.", StringComparison.Ordinal) => "Ce champ est obligatoire.",
        ("email", _) => "Cette adresse e-mail n'est pas valide.",
        ("phone", _) => "Le numéro de téléphone compte 30 caractères au plus.",
        ("firstName" or "lastName", _) => "Ce champ est obligatoire (100 caractères au plus).",
        ("description", _) => "Décrivez ce qui s'est passé (2 000 caractères au plus).",
        ("endsAt", var m) when m.Contains("ends after it starts", StringComparison.Ordinal) => "La fin vient après le début.",
        ("endsAt", var m) when m.Contains("in the future", StringComparison.Ordinal) => "La période se termine dans le futur.",
        ("endsAt", var m) when m.Contains("a year at most", StringComparison.Ordinal) => "Une fermeture dure un an au plus ; un lieu qui ferme définitivement le dit dans l'annuaire.",
        ("reason", _) => "Le motif compte 200 caractères au plus.",
        _ => message,
    };

    /// <summary>A refusal that is not about one field (a 409, a 403, a 404), in words.</summary>
    public static string Refusal(PlatformProblem problem) => problem switch
    {
        { Status: 409, Title: var title } when title?.Contains("email", StringComparison.OrdinalIgnoreCase) == true =>
            "Cette adresse e-mail est déjà celle d'un membre du réseau : recherchez ce membre plutôt que de l'inscrire de nouveau.",
        { Status: 409, Title: var title } when title?.Contains("has not started", StringComparison.OrdinalIgnoreCase) == true =>
            "La réservation n'a pas encore commencé : une absence se constate une fois le créneau commencé.",
        { Status: 403 or 404 } => "Cet élément n'existe pas, ou ne fait pas partie des lieux que vous gérez.",
        { Status: 409 } => $"Action refusée : {problem.Detail ?? problem.Title}",
        _ => $"Demande refusée : {problem.Detail ?? problem.Title ?? "la plateforme n'a pas accepté ces valeurs."}",
    };
}
