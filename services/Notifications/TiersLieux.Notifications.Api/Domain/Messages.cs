namespace TiersLieux.Notifications.Api.Domain;

/// <summary>Every message the platform sends, in French, from what the events say.</summary>
public static class Messages
{
    public static Message BookingConfirmed(string place, string resourceKind, DateTimeOffset startsAt, DateTimeOffset endsAt) => new(
        "booking-confirmed", NotificationCategory.Bookings, Essential: false,
        $"Réservation confirmée : {Resource(resourceKind)}, {ParisTime.Day(startsAt)}",
        [$"Votre réservation ({Resource(resourceKind)}) à {place} est confirmée, {ParisTime.Period(startsAt, endsAt)}.",
         "Si vous ne pouvez pas venir, annulez-la depuis votre espace membre : la place reviendra à quelqu'un d'autre."]);

    public static Message BookingReminder(string place, string resourceKind, DateTimeOffset startsAt, DateTimeOffset endsAt) => new(
        Reminder.BookingTomorrow, NotificationCategory.Bookings, Essential: false,
        $"Rappel : {Resource(resourceKind)} demain à {ParisTime.Time(startsAt)}",
        [$"Pour rappel, vous avez réservé ({Resource(resourceKind)}) à {place} demain, {ParisTime.Period(startsAt, endsAt)}.",
         "Un empêchement ? Annulez depuis votre espace membre : la place reviendra à quelqu'un d'autre."]);

    public static Message BookingCancelled(string place, string reason, DateTimeOffset startsAt, DateTimeOffset endsAt, string? note = null) => new(
        "booking-cancelled", NotificationCategory.Bookings, Essential: true,
        $"Réservation annulée : {ParisTime.Day(startsAt)}",
        [
            $"Votre réservation à {place}, {ParisTime.Period(startsAt, endsAt)}, est annulée : {CancellationReason(reason)}.",
            .. string.IsNullOrWhiteSpace(note) ? Array.Empty<string>() : [$"Le mot du lieu : « {note.Trim()} »"],
            reason == "member" ? "Vous n'avez rien d'autre à faire." : "Nous sommes désolés pour ce contretemps. Vous pouvez réserver un autre créneau depuis votre espace membre.",
        ]);

    public static Message EnrolmentConfirmed(string place, string course, bool fromWaitingList) => fromWaitingList
        ? new("enrolment-promoted", NotificationCategory.Trainings, Essential: true,
            $"Une place s'est libérée : {course}",
            [$"Une place s'est libérée dans la formation « {course} » à {place} : vous quittez la liste d'attente, votre inscription est confirmée.",
             "Si vous ne pouvez plus y participer, annulez votre inscription pour laisser la place à la personne suivante."])
        : new("enrolment-confirmed", NotificationCategory.Trainings, Essential: false,
            $"Inscription confirmée : {course}",
            [$"Votre inscription à la formation « {course} » à {place} est confirmée.",
             "Si vous ne pouvez plus y participer, annulez votre inscription pour laisser la place à une personne en liste d'attente."]);

    public static Message EnrolmentWaitlisted(string place, string course, int position) => new(
        "enrolment-waitlisted", NotificationCategory.Trainings, Essential: false,
        $"Liste d'attente : {course}",
        [$"La formation « {course} » à {place} est complète : vous êtes inscrit·e sur la liste d'attente, en position {position}.",
         "Dès qu'une place se libère, elle revient à la première personne de la liste, et vous recevrez un message si c'est vous. Vous pouvez quitter la liste depuis votre espace membre."]);

    /// <summary>The place withdrew the member from a session (a member who cancels is not told what they just did).</summary>
    public static Message EnrolmentWithdrawn(string place, string course) => new(
        "enrolment-withdrawn", NotificationCategory.Trainings, Essential: true,
        $"Désinscription : {course}",
        [$"{place} a annulé votre inscription à la formation « {course} ».",
         "Pour en savoir plus ou vous inscrire à une autre session, contactez le lieu ou consultez l'agenda du réseau."]);

    public static Message SessionCancelled(string place, string course, string reason) => new(
        "session-cancelled", NotificationCategory.Trainings, Essential: true,
        $"Session annulée : {course}",
        [$"La session de la formation « {course} » à {place} est annulée : {(reason == "below-minimum" ? "le nombre minimum de participants n'est pas atteint" : reason)}.",
         "Votre inscription est annulée. Vous serez informé·e des prochaines sessions dans l'agenda du réseau."]);

    /// <param name="certificate">The certificate's public page, when training gave its code.</param>
    public static Message TrainingCompleted(string place, string course, decimal hours, string? certificate) => new(
        "training-completed", NotificationCategory.Trainings, Essential: false,
        $"Formation terminée : {course}",
        [$"Félicitations : vous avez suivi la formation « {course} » à {place} ({Hours(hours)} h).",
         certificate is null
            ? "Votre attestation est dans votre espace membre ; son code permet à quiconque de la vérifier."
            : "Votre attestation est en ligne à l'adresse ci-dessous : transmettez-la à qui doit la vérifier (un employeur, un financeur)."],
        certificate, certificate is null ? null : "Voir mon attestation");

    public static Message QualificationGranted(string place, string code, DateTimeOffset? expiresAt) => new(
        "qualification-granted", NotificationCategory.Qualifications, Essential: false,
        $"Habilitation obtenue : {code}",
        [$"Vous êtes habilité·e « {code} » ({place}) : vous pouvez désormais réserver les machines qui la demandent dans les lieux qui la reconnaissent.",
         expiresAt is { } expires ? $"Elle est valable jusqu'au {ParisTime.Day(expires)}." : "Elle n'a pas de date de fin."]);

    public static Message QualificationLapsing(string code, DateTimeOffset expiresAt) => new(
        Reminder.QualificationLapsing, NotificationCategory.Qualifications, Essential: false,
        $"Votre habilitation {code} expire bientôt",
        [$"Votre habilitation « {code} » expire dans 30 jours, le {ParisTime.Day(expiresAt)}.",
         "Inscrivez-vous à une session de la formation qui la délivre pour la garder."]);

    /// <param name="reason">
    /// Equipment's reason: <c>lapsed: expired on yyyy-MM-dd</c> or <c>lapsed: unused for N months</c> when it lapsed by
    /// itself, otherwise the operator's own words when they revoked it.
    /// </param>
    public static Message QualificationRevoked(string code, string reason)
    {
        const string Lapsed = "lapsed: ";
        if (!reason.StartsWith(Lapsed, StringComparison.Ordinal))
        {
            return new("qualification-revoked", NotificationCategory.Qualifications, Essential: true,
                $"Habilitation retirée : {code}",
                [$"Le lieu qui vous l'avait délivrée a retiré votre habilitation « {code} ». Motif : {reason}.",
                 "Vos réservations des machines qui la demandent sont annulées. Une nouvelle formation vous la rendra."]);
        }

        var why = reason[Lapsed.Length..];
        var words = why.StartsWith("expired on ", StringComparison.Ordinal) && DateOnly.TryParseExact(why["expired on ".Length..], "yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expired)
            ? $"elle a expiré le {ParisTime.Date(expired)}"
            : System.Text.RegularExpressions.Regex.Match(why, @"^unused for (\d+) months$") is { Success: true } unused
                ? $"elle n'a pas servi depuis {unused.Groups[1].Value} mois"
                : "elle n'est plus valable";
        return new("qualification-lapsed", NotificationCategory.Qualifications, Essential: true,
            $"Habilitation expirée : {code}",
            [$"Votre habilitation « {code} » n'est plus valable : {words}.",
             "Vos réservations des machines qui la demandent sont annulées. Une nouvelle session de la formation qui la délivre vous la rendra."]);
    }

    public static Message SubscriptionActivated(string place, string planKind, DateTimeOffset startsAt, DateTimeOffset endsAt) => new(
        "subscription-activated", NotificationCategory.Subscriptions, Essential: false,
        $"Abonnement actif : {Plan(planKind)}",
        [$"Votre abonnement ({Plan(planKind)}) à {place} est actif du {ParisTime.Day(startsAt)} au {ParisTime.Day(endsAt)}.",
         "Vous pouvez réserver dès maintenant depuis votre espace membre."]);

    public static Message SubscriptionEnding(string place, string planKind, DateTimeOffset endsAt) => new(
        Reminder.SubscriptionEnding, NotificationCategory.Subscriptions, Essential: false,
        $"Votre abonnement se termine le {ParisTime.Day(endsAt)}",
        [$"Votre abonnement ({Plan(planKind)}) à {place} se termine dans 7 jours, le {ParisTime.Day(endsAt)}.",
         "Pour continuer à réserver, renouvelez-le auprès du lieu."]);

    public static Message SubscriptionEnded(string reason) => new(
        "subscription-ended", NotificationCategory.Subscriptions, Essential: true,
        "Votre abonnement a pris fin",
        [reason == "cancelled" ? "Votre abonnement a été résilié." : "Votre abonnement est arrivé à son terme.",
         "Les réservations qu'il couvrait après cette date sont annulées. Le lieu vous proposera de le renouveler."]);

    public static Message AccountCreated(string place, string link, DateTimeOffset expiresAt) => new(
        "account-created", NotificationCategory.Account, Essential: true,
        "Bienvenue dans le réseau des tiers-lieux d'Occitanie",
        [$"Un compte membre vient d'être créé pour vous ({place}).",
         "Avec lui, vous réservez un poste ou une machine et vous inscrivez aux formations de tous les lieux du réseau.",
         $"Pour vous connecter, choisissez d'abord votre mot de passe avec le lien ci-dessous, valable jusqu'au {ParisTime.DayAndTime(expiresAt)}. Passé ce délai, « Mot de passe oublié ? » sur la page de connexion vous en envoie un nouveau."],
        link, "Choisir mon mot de passe", LinkIsSecret: true);

    public static Message PasswordReset(string link, DateTimeOffset expiresAt) => new(
        "password-reset", NotificationCategory.Account, Essential: true,
        "Choisir un nouveau mot de passe",
        [$"Vous avez demandé à choisir un nouveau mot de passe. Le lien ci-dessous le permet une fois, jusqu'à {ParisTime.Time(expiresAt)} (heure de Paris).",
         "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable et personne d'autre ne reçoit ce lien."],
        link, "Choisir un nouveau mot de passe", LinkIsSecret: true);

    public static Message SessionBelowMinimum(string place, string course, DateTimeOffset startsAt, int confirmed, int minimum) => new(
        "session-below-minimum", NotificationCategory.PlaceOperations, Essential: true,
        $"Effectif insuffisant : {course}, {ParisTime.Day(startsAt)}",
        [$"La session « {course} » à {place}, qui commence le {ParisTime.DayAndTime(startsAt)}, compte {confirmed} inscription(s) confirmée(s) pour un minimum de {minimum}.",
         "Décidez dès maintenant de la maintenir ou de l'annuler : si vous l'annulez, chaque inscrit est prévenu avec la raison que vous donnez."]);

    public static Message LabelDecided(string place, string campaign, string outcome, DateOnly? labelledUntil, string? note)
    {
        var granted = outcome is "labelled" or "renewed";
        var until = labelledUntil is { } day ? $" jusqu'au {ParisTime.Day(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))}" : "";
        List<string> paragraphs =
        [
            granted
                ? $"Bonne nouvelle : {place} est {(outcome == "renewed" ? "de nouveau labellisé" : "labellisé")} « {campaign} »{until}."
                : $"La candidature de {place} au label « {campaign} » n'est pas retenue cette fois-ci.",
        ];
        if (note is not null)
        {
            paragraphs.Add($"Le mot du réseau : « {note} »");
        }

        paragraphs.Add(granted
            ? "Le label apparaît sur la fiche du lieu, sur la carte publique et dans les données ouvertes du réseau."
            : "L'équipe du réseau reste disponible pour en parler et préparer la prochaine campagne avec vous.");
        return new("label-decided", NotificationCategory.PlaceOperations, Essential: true,
            granted ? $"Label accordé : {campaign}" : $"Label : candidature non retenue ({campaign})", paragraphs);
    }

    public static Message MaintenanceDue(string place, string machine, string task, decimal usageHours) => new(
        "maintenance-due", NotificationCategory.PlaceOperations, Essential: true,
        $"Maintenance à prévoir : {machine}",
        [$"La maintenance « {task} » de la machine {machine} ({place}) est due (compteur : {Hours(usageHours)} h d'utilisation).",
         "Une fois faite, enregistrez-la dans la fiche de la machine : le compteur repart de zéro."]);

    public static Message MachineUnsafe(string place, string machine, string? reason) => new(
        "machine-unsafe", NotificationCategory.PlaceOperations, Essential: true,
        $"Machine hors service : {machine}",
        [$"Un incident de sécurité vient de mettre la machine {machine} ({place}) hors service{(string.IsNullOrWhiteSpace(reason) ? "" : $" : {UnsafeReason(reason)}")}.",
         "Ses réservations à venir sont annulées et leurs membres prévenus. Remettez-la en service une fois l'incident résolu."]);

    /// <summary>Equipment's reason without its code ("unsafe incident: …"), as the operator wrote it.</summary>
    private static string UnsafeReason(string reason) =>
        reason.StartsWith(UnsafeIncident, StringComparison.Ordinal) ? reason[UnsafeIncident.Length..].TrimStart(':', ' ') : reason;

    /// <summary>How equipment's MachineStatusChanged says an unsafe incident took the machine out of service.</summary>
    public const string UnsafeIncident = "unsafe incident";

    /// <summary>Why a booking was cancelled, in the member's words (booking's reason codes; unknown ones shown as they are).</summary>
    public static string CancellationReason(string reason) => reason switch
    {
        "member" => "vous l'avez annulée",
        "operator" => "le lieu l'a annulée",
        "machine-unavailable" => "la machine est hors service",
        "place-closed" => "le lieu est fermé ce jour-là",
        "member-suspended" => "votre adhésion est suspendue",
        "subscription-ended" => "votre abonnement a pris fin",
        "qualification-revoked" => "vous n'avez plus l'habilitation qu'elle demande",
        _ => reason,
    };

    /// <summary>1,5 rather than 1.5.</summary>
    private static string Hours(decimal hours) => hours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Resource(string kind) => kind switch
    {
        "desk" => "poste de travail",
        "open-space" => "espace partagé",
        "meeting-room" => "salle de réunion",
        "event-space" => "salle d'événement",
        "machine" => "machine",
        _ => kind,
    };

    private static string Plan(string kind) => kind switch
    {
        "day-pass" => "pass journée",
        "hour-pack" => "carnet d'heures",
        "monthly-coworking" => "coworking au mois",
        "annual-fablab" => "adhésion annuelle au fablab",
        "network-pass" => "pass réseau",
        _ => kind,
    };
}
