namespace TiersLieux.Web.Platform;

/// <summary>The booking, membership and training codes in the words a member reads, and the platform's refusals explained.</summary>
public static class MemberVocabulary
{
    /// <summary>The kinds of bookable resource, as the booking service names them (a plan's included hours use the same).</summary>
    public static IReadOnlyList<(string Code, string Name)> ResourceKinds { get; } =
    [
        ("desk", "Poste de travail"),
        ("open-space", "Place en espace partagé"),
        ("meeting-room", "Salle de réunion"),
        ("event-space", "Espace événementiel"),
        ("machine", "Machine du fablab"),
    ];

    public static string ResourceKind(string code) => ResourceKinds.FirstOrDefault(kind => kind.Code == code).Name ?? code;

    public static string BookingStatus(string status) => status switch
    {
        "confirmed" => "Confirmée",
        "cancelled" => "Annulée",
        "completed" => "Passée",
        "no-show" => "Absence constatée",
        _ => status,
    };

    public static string SubscriptionStatus(string status) => status switch
    {
        "active" => "En cours",
        "expired" => "Terminé",
        "cancelled" => "Résilié",
        "suspended" => "Suspendu",
        _ => status,
    };

    public static string EnrolmentStatus(MemberEnrolment enrolment) => enrolment switch
    {
        { Completed: true } => "Formation suivie",
        { Status: "confirmed" } => "Inscription confirmée",
        { Status: "waitlisted", WaitingListPosition: { } position } => $"Sur liste d'attente (position {position})",
        { Status: "waitlisted" } => "Sur liste d'attente",
        { Status: "cancelled" } => "Inscription annulée",
        _ => enrolment.Status,
    };

    public static string CourseKind(string kind) => kind switch
    {
        "long-course" => "Parcours long",
        "diploma" => "Formation diplômante",
        "short-workshop" => "Atelier court",
        "machine-safety" => "Habilitation machine",
        _ => kind,
    };

    /// <summary>Why booking refused, in words, from the rule its 409 names; the resource's own limits for a 422.</summary>
    public static string BookingRefusal(PlatformProblem problem, BookableResource? resource) => problem.Rule switch
    {
        "member-suspended" => "Votre adhésion est suspendue : vous pourrez réserver de nouveau une fois réintégré·e. Le lieu vous dira pourquoi.",
        "no-subscription" => "Aucun de vos abonnements ne couvre ce type de ressource dans ce lieu pour toute la période demandée.",
        "resource-unavailable" => "Cette ressource n'est pas disponible pour le moment (maintenance ou hors service).",
        "place-closed" => "Le lieu est fermé pendant une partie de cette période.",
        "outside-opening-hours" => "Le lieu n'est pas ouvert pendant toute la période demandée : choisissez un créneau dans ses horaires d'ouverture.",
        "not-qualified" => "Vous n'avez pas la qualification requise pour utiliser cette machine. Suivez la formation d'habilitation du lieu, puis réservez.",
        "qualification-not-recognised" => "Votre habilitation a été délivrée dans un lieu dont celui-ci ne reconnaît pas les habilitations : renseignez-vous auprès du lieu.",
        "period-taken" => "Ce créneau n'est plus libre : quelqu'un l'a réservé entre-temps. Choisissez-en un autre.",
        _ when problem.Status == 422 && resource is not null =>
            $"La période demandée ne respecte pas les règles de « {resource.Name} » : de {Duration(resource.MinMinutes)} à {Duration(resource.MaxMinutes)}, "
            + $"par tranches de {Duration(resource.SlotMinutes)}, réservée au moins {Duration(resource.MinNoticeMinutes)} à l'avance et au plus {resource.MaxDaysAhead} jours à l'avance.",
        _ when problem.Status == 422 => "La période demandée n'est pas valable : vérifiez le début et la fin.",
        _ when problem.Status == 404 => "Cette ressource n'existe plus.",
        _ => "La réservation a été refusée.",
    };

    /// <summary>The cancellation rule a member reads beside a booking.</summary>
    public static string CancellationRule(BookableResource? resource) => resource is null || resource.MinNoticeMinutes == 0
        ? "Annulable jusqu'à son début."
        : $"Annulable jusqu'à {Duration(resource.MinNoticeMinutes)} avant son début ; ensuite, contactez le lieu.";

    public static string CancellationRefusal(PlatformProblem problem, BookableResource? resource) => problem.Status switch
    {
        409 when problem.Title?.StartsWith("Too late", StringComparison.Ordinal) == true =>
            $"Trop tard pour annuler en ligne : {CancellationRule(resource).ToLowerInvariant()}",
        409 => "Cette réservation n'est plus confirmée : elle ne peut pas être annulée.",
        404 => "Cette réservation n'existe pas ou n'est pas la vôtre.",
        _ => "L'annulation a été refusée.",
    };

    public static string EnrolmentRefusal(PlatformProblem problem) => problem switch
    {
        { Status: 409, Title: "Enrolment is closed." } => "Les inscriptions à cette session sont closes : elle a commencé, est terminée ou a été annulée.",
        { Status: 409, Title: "The member is enrolled already." } => "Vous êtes déjà inscrit·e à cette session.",
        { Status: 422 } => "Cette formation demande d'en avoir suivi une autre avant : " + string.Join(" ", problem.Errors?.Values.SelectMany(m => m) ?? []),
        { Status: 404 } => "Cette session n'existe plus.",
        _ => "L'inscription a été refusée.",
    };

    /// <summary>"2 h", "30 min", "1 h 30", "2 jours".</summary>
    public static string Duration(int minutes) => minutes switch
    {
        >= 2880 when minutes % 1440 == 0 => $"{minutes / 1440} jours",
        1440 => "1 jour",
        >= 60 when minutes % 60 == 0 => $"{minutes / 60} h",
        > 60 => $"{minutes / 60} h {minutes % 60:00}",
        _ => $"{minutes} min",
    };

    /// <summary>"15 €", "12,50 €".</summary>
    public static string Euros(int cents) =>
        (cents / 100m).ToString(cents % 100 == 0 ? "0" : "0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',') + " €";

    /// <summary>"une journée", "30 jours".</summary>
    public static string Validity(int days) => days == 1 ? "une journée" : $"{days} jours";
}
