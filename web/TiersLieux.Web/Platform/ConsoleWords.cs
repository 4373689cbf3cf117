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

    /// <summary>The audit trail's actions, in the order the filter lists them.</summary>
    public static IReadOnlyList<(string Action, string Words)> AuditActions { get; } =
    [
        ("member-suspended", "Membre suspendu"),
        ("member-reinstated", "Membre rétabli"),
        ("member-erased", "Membre effacé (RGPD)"),
        ("personal-data-exported", "Données personnelles exportées"),
        ("roles-changed", "Rôles modifiés"),
        ("password-set-by-another", "Mot de passe fixé par un tiers"),
        ("lockout-lifted", "Blocage de connexion levé"),
        ("subscription-cancelled-by-operator", "Abonnement résilié par le lieu ou le réseau"),
        ("place-closed", "Lieu fermé"),
        ("place-reopened", "Lieu rouvert"),
        ("label-decided", "Décision de labellisation"),
        ("qualification-revoked", "Habilitation retirée"),
        ("closure-cancelled-bookings", "Fermeture ayant annulé des réservations"),
        ("identity-keys-rotated", "Clés de signature renouvelées"),
    ];

    public static string AuditAction(string action) => AuditActions.FirstOrDefault(a => a.Action == action).Words ?? action;

    public static string ActorRole(string role) => role switch
    {
        "network-admin" => "équipe du réseau",
        "place-operator" => "gestionnaire de lieu",
        "member" => "membre",
        "client" => "application",
        _ => role,
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
        ("description", _) => "Le texte compte 4 000 caractères au plus.",
        ("endsAt", var m) when m.Contains("ends after it starts", StringComparison.Ordinal) => "La fin vient après le début.",
        ("endsAt", var m) when m.Contains("in the future", StringComparison.Ordinal) => "La période se termine dans le futur.",
        ("endsAt", var m) when m.Contains("a year at most", StringComparison.Ordinal) => "Une fermeture dure un an au plus ; un lieu qui ferme définitivement le dit dans l'annuaire.",
        ("reason", var m) when m.Contains("revocation", StringComparison.Ordinal) => "Donnez le motif du retrait (500 caractères au plus).",
        ("reason", _) => "Le motif compte 200 caractères au plus.",
        ("task", _) => "Décrivez la tâche (300 caractères au plus).",
        ("everyHours", var m) when m.Contains("or both", StringComparison.Ordinal) => "Donnez une fréquence : toutes les N heures d'utilisation, tous les N jours, ou les deux.",
        ("everyHours", _) => "Entre 1 et 100 000 heures d'utilisation.",
        ("everyDays", _) => "Entre 1 et 3 660 jours.",
        ("work", _) => "Décrivez ce qui a été fait (4 000 caractères au plus ; pièces : 1 000).",
        ("hours", var m) when m.Contains("retired", StringComparison.Ordinal) => "Une machine retirée du parc n'a plus d'heures d'utilisation.",
        ("hours", _) => "Plus de 0 heure et au plus un mois (744 h).",
        ("resolution", _) => "Dites ce qui a été fait (4 000 caractères au plus).",
        ("name", _) => "Le nom compte de 2 à 200 caractères.",
        ("typology", _) => "Choisissez le type de lieu.",
        ("address", _) => "L'adresse est obligatoire.",
        ("commune", _) => "La commune est obligatoire.",
        ("postcode", var m) when m.StartsWith("A postcode in department", StringComparison.Ordinal) => "Le code postal commence par le numéro du département.",
        ("postcode", _) => "Le code postal compte cinq chiffres.",
        ("department", _) => "Choisissez un département d'Occitanie.",
        ("latitude", var m) when m.Contains("outside Occitanie", StringComparison.Ordinal) => "Ce point est hors d'Occitanie : vérifiez la latitude et la longitude (inversées ?).",
        ("latitude", _) => "La latitude est un nombre de degrés (43,18 par exemple).",
        ("longitude", _) => "La longitude est un nombre de degrés (3,00 par exemple).",
        ("website", _) => "Le site web est une adresse complète, commençant par https://.",
        ("contactEmail", _) => "Cette adresse e-mail n'est pas valide.",
        ("openingHours", _) => "Les horaires s'écrivent comme dans OpenStreetMap, par exemple « Mo-Fr 09:00-18:00; Sa 10:00-12:00 ».",
        ("photoUrls", _) => "Une adresse de photo complète par ligne (https://…), douze au plus.",
        ("services", _) => "Choisissez parmi les services proposés.",
        ("title", _) => "Le titre est obligatoire (200 caractères au plus).",
        ("kind", _) => "Choisissez le genre d'événement.",
        ("startsAt", var m) when m.Contains("past year", StringComparison.Ordinal) => "L'événement a lieu entre l'an passé et les trois ans à venir.",
        ("endsAt", var m) when m.Contains("14 days", StringComparison.Ordinal) => "Un événement dure quatorze jours au plus.",
        ("location", _) => "Le lieu compte 300 caractères au plus.",
        ("url", _) => "Le lien est une adresse complète, commençant par https://.",
        ("durationHours", _) => "Une formation dure plus de 0 et au plus 5 000 heures.",
        ("requiredAttendancePercent", _) => "La présence exigée va de 1 à 100 %.",
        ("courseId", _) => "Choisissez une formation.",
        ("capacity", _) => "Une session compte de 1 à 1 000 places.",
        ("minimum", _) => "Le minimum pour la tenir va de 0 au nombre de places.",
        ("trainerName", _) => "Le nom compte 200 caractères au plus.",
        ("slots", var m) when m.Contains("in the future", StringComparison.Ordinal) => "Une session se programme dans le futur.",
        ("slots", var m) when m.Contains("overlap", StringComparison.Ordinal) => "Les séances se chevauchent.",
        ("slots", var m) when m.Contains("ends after it starts", StringComparison.Ordinal) => "Chaque séance finit après son début, douze heures au plus.",
        ("slots", _) => "Donnez au moins une séance (jour, début et fin), dans les trois ans.",
        ("note", _) => "Le mot pour le membre compte 500 caractères au plus.",
        ("code", _) => "Choisissez une habilitation que le réseau reconnaît.",
        ("file", var m) => ImportReason(m),
        _ => message,
    };

    /// <summary>
    /// Why the directory refused a row of an imported file (or the whole file), in French; the columns keep the
    /// national schema's names so that whoever fixes the file finds them. A reason not known here is shown as written.
    /// </summary>
    public static string ImportReason(string reason) => reason switch
    {
        _ when reason.StartsWith("Missing ", StringComparison.Ordinal) => $"Colonnes vides : {reason["Missing ".Length..].TrimEnd('.')}.",
        _ when reason.StartsWith("latitude and longitude are decimal degrees", StringComparison.Ordinal) =>
            $"latitude et longitude s'écrivent en degrés décimaux avec un point {reason[(reason.IndexOf('(', StringComparison.Ordinal))..].TrimEnd('.')}.",
        _ when reason.StartsWith("code_postal ", StringComparison.Ordinal) && reason.EndsWith(" is not in Occitanie.", StringComparison.Ordinal) =>
            $"Le code_postal {reason["code_postal ".Length..^" is not in Occitanie.".Length]} n'est pas en Occitanie.",
        _ when reason.StartsWith("site_web ", StringComparison.Ordinal) && reason.EndsWith(" is not an address.", StringComparison.Ordinal) =>
            $"Le site_web {reason["site_web ".Length..^" is not an address.".Length]} n'est pas une adresse web complète (https://…).",
        _ when reason.StartsWith("id ", StringComparison.Ordinal) && reason.EndsWith(" appears earlier in the file.", StringComparison.Ordinal) =>
            $"L'id {reason["id ".Length..^" appears earlier in the file.".Length]} figure déjà plus haut dans le fichier : seule sa première ligne compte.",
        "The file is empty: the first line names the columns." => "Le fichier est vide : sa première ligne nomme les colonnes.",
        _ when reason.StartsWith("The header lacks the national schema's columns ", StringComparison.Ordinal) =>
            $"Il manque à la première ligne des colonnes du schéma national : {reason["The header lacks the national schema's columns ".Length..].TrimEnd('.')}.",
        _ when reason.StartsWith("Line ", StringComparison.Ordinal) && reason.Contains(": the CSV cannot be read", StringComparison.Ordinal) =>
            $"Ligne {reason["Line ".Length..reason.IndexOf(':', StringComparison.Ordinal)]} : le CSV est illisible (guillemet non fermé, colonnes en trop ?).",
        "The CSV cannot be read." => "Le fichier n'est pas un CSV lisible.",
        _ => reason,
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
