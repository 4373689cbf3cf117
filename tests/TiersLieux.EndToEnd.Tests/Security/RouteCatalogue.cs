using System.Net.Http.Json;
using System.Text;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>Who may call a route at all (function-level authorization, API5).</summary>
public enum Access
{
    /// <summary>Anyone, without a token.</summary>
    Public,

    /// <summary>Any signed-in person, for what is theirs (or their places' operators and the network team).</summary>
    Member,

    /// <summary>An operator of the place concerned (or the network team).</summary>
    Operator,

    /// <summary>The network team only.</summary>
    Admin,
}

/// <summary>Whose objects a route's ids name (object-level authorization, API1).</summary>
public enum Scope
{
    /// <summary>No id to swap.</summary>
    None,

    /// <summary>A place's object: another place's operator and members are refused.</summary>
    Place,

    /// <summary>A member's own object: another member is refused, and so is an operator of another place.</summary>
    Member,

    /// <summary>Deliberately visible to every caller the route admits (the case says why).</summary>
    Shared,

    /// <summary>A member's object that every place's operator may see (the case says why); other members are refused.</summary>
    SharedWithOperators,
}

/// <summary>
/// One route of the API and what the OWASP suite does with it: the request for a side's objects (its path, with
/// ids and query, and a valid body), who may call it, whose objects its ids name. Every operation the services
/// publish must have one: a new route fails the suite until someone decides here how it is protected.
/// </summary>
public sealed record RouteCase(string Key, Access Access, Scope Scope, Func<Side, string> Path, Func<Side, HttpContent?>? Body = null, string? Why = null)
{
    public string Method => Key.Split(' ')[0];

    public HttpRequestMessage Request(Side side)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path(side)) { Content = Body?.Invoke(side) };
        return request;
    }
}

public static class RouteCatalogue
{
    private static HttpContent Json(object body) => JsonContent.Create(body);

    private static readonly DateTimeOffset Later = new(DateTime.UtcNow.Date.AddDays(40).AddHours(9), TimeSpan.Zero);

    private static HttpContent Place(Side s) => Json(SamplePlaces.Narbonne($"Lieu {s.Name}"));

    private static HttpContent Member(Side s) => Json(new { firstName = "Noa", lastName = "Nouveau", email = $"noa.{Guid.NewGuid():N}@example.org", placeIds = new[] { s.Place } });

    private static HttpContent Machine(Side s) => Json(new { placeId = s.Place, name = "Imprimante 3D", category = "3d-printer", hourlyCostCents = 300 });

    private static HttpContent Resource(Side s) => Json(new { placeId = s.Place, name = "Salle de réunion", kind = "meeting-room" });

    private static HttpContent AgendaEvent(Side s) => Json(new { title = "Portes ouvertes", kind = "meeting", startsAt = Later, endsAt = Later.AddHours(2), placeId = s.Place, location = "Hall" });

    public static IReadOnlyList<RouteCase> All { get; } =
    [
        // Directory: the network's public face; places' operators edit their own.
        new("GET /api/directory/places", Access.Public, Scope.None, _ => "/api/directory/places"),
        new("POST /api/directory/places", Access.Admin, Scope.None, _ => "/api/directory/places", Place),
        new("GET /api/directory/places/{id}", Access.Public, Scope.Shared, s => $"/api/directory/places/{s.Place}", Why: "the directory is public"),
        new("GET /api/directory/places/{id}/open-now", Access.Public, Scope.Shared, s => $"/api/directory/places/{s.Place}/open-now", Why: "opening hours are public"),
        new("PUT /api/directory/places/{id}", Access.Operator, Scope.Place, s => $"/api/directory/places/{s.Place}", Place),
        new("GET /api/directory/places/search", Access.Public, Scope.None, _ => "/api/directory/places/search?q=fablab"),
        new("GET /api/directory/places/markers", Access.Public, Scope.None, _ => "/api/directory/places/markers?typology=fablab"),
        new("GET /api/directory/open-data/places.geojson", Access.Public, Scope.None, _ => "/api/directory/open-data/places.geojson"),
        new("GET /api/directory/open-data/places.csv", Access.Public, Scope.None, _ => "/api/directory/open-data/places.csv"),
        new("GET /api/directory/open-data/mediation-numerique.csv", Access.Public, Scope.None, _ => "/api/directory/open-data/mediation-numerique.csv"),
        new("POST /api/directory/open-data/mediation-numerique", Access.Admin, Scope.None, _ => "/api/directory/open-data/mediation-numerique",
            _ => new StringContent("id,nom\n", Encoding.UTF8, "text/csv")),
        new("GET /api/directory/label-campaigns", Access.Public, Scope.None, _ => "/api/directory/label-campaigns"),
        new("POST /api/directory/label-campaigns", Access.Admin, Scope.None, _ => "/api/directory/label-campaigns",
            _ => Json(new { edition = 999, title = "Appel", callOpensOn = "2027-01-01", callClosesOn = "2027-02-01", labelValidityMonths = 36, criteria = new[] { new { code = "territory", name = "Ancrage", weight = 100 } } })),
        new("GET /api/directory/label-campaigns/{id}", Access.Public, Scope.Shared, s => $"/api/directory/label-campaigns/{s.Campaign}", Why: "campaigns are published calls"),
        new("POST /api/directory/label-campaigns/{id}/applications", Access.Operator, Scope.Place, s => $"/api/directory/label-campaigns/{s.Campaign}/applications",
            s => Json(new { placeId = s.Place, statement = "Encore nous." })),
        new("GET /api/directory/label-campaigns/{id}/applications", Access.Operator, Scope.Shared, s => $"/api/directory/label-campaigns/{s.Campaign}/applications",
            Why: "the campaign is shared; an operator is shown only its own places' applications"),
        new("GET /api/directory/label-applications/{id}", Access.Operator, Scope.Place, s => $"/api/directory/label-applications/{s.LabelApplication}"),
        new("PUT /api/directory/label-applications/{id}/reviews/mine", Access.Admin, Scope.Place, s => $"/api/directory/label-applications/{s.LabelApplication}/reviews/mine",
            _ => Json(new { scores = new { territory = 3 }, comment = "Bien." })),
        new("POST /api/directory/label-applications/{id}/decision", Access.Admin, Scope.Place, s => $"/api/directory/label-applications/{s.LabelApplication}/decision",
            _ => Json(new { outcome = "labelled" })),
        new("GET /api/directory/agenda", Access.Public, Scope.None, _ => "/api/directory/agenda"),
        new("POST /api/directory/agenda", Access.Operator, Scope.Place, _ => "/api/directory/agenda", AgendaEvent),
        new("GET /api/directory/agenda/{id}", Access.Public, Scope.Shared, s => $"/api/directory/agenda/{s.AgendaEvent}", Why: "the network's agenda is public"),
        new("PUT /api/directory/agenda/{id}", Access.Operator, Scope.Place, s => $"/api/directory/agenda/{s.AgendaEvent}", AgendaEvent),
        new("DELETE /api/directory/agenda/{id}", Access.Operator, Scope.Place, s => $"/api/directory/agenda/{s.AgendaEvent}"),
        new("GET /api/directory/agenda/agenda.ics", Access.Public, Scope.None, _ => "/api/directory/agenda/agenda.ics"),
        new("GET /api/directory/indicators", Access.Operator, Scope.None, _ => "/api/directory/indicators"),
        new("GET /api/directory/indicators/indicators.csv", Access.Admin, Scope.None, _ => "/api/directory/indicators/indicators.csv"),

        // Membership: people and what they bought; a member sees only themselves.
        new("GET /api/membership/members", Access.Operator, Scope.Place, s => $"/api/membership/members?placeId={s.Place}"),
        new("GET /api/membership/audit", Access.Operator, Scope.Place, s => $"/api/membership/audit?placeId={s.Place}"),
        new("GET /api/membership/identity-keys", Access.Admin, Scope.None, _ => "/api/membership/identity-keys"),
        new("POST /api/membership/identity-keys/rotation", Access.Admin, Scope.None, _ => "/api/membership/identity-keys/rotation", _ => Json(new { compromised = false })),
        new("POST /api/membership/members", Access.Operator, Scope.Place, _ => "/api/membership/members", Member),
        new("GET /api/membership/members/{id}", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}"),
        new("PUT /api/membership/members/{id}", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}",
            s => Json(new { firstName = "Changé", lastName = "Par un autre", email = $"autre.{Guid.NewGuid():N}@example.org", placeIds = new[] { s.Place } })),
        new("DELETE /api/membership/members/{id}", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}"),
        new("POST /api/membership/members/{id}/suspension", Access.Operator, Scope.Member, s => $"/api/membership/members/{s.Member}/suspension", _ => Json(new { reason = "Impayé" })),
        new("DELETE /api/membership/members/{id}/suspension", Access.Operator, Scope.Member, s => $"/api/membership/members/{s.Member}/suspension"),
        new("GET /api/membership/members/{id}/subscriptions", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}/subscriptions"),
        new("GET /api/membership/members/{id}/personal-data", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}/personal-data"),
        new("GET /api/membership/organisations/{id}", Access.Member, Scope.SharedWithOperators, s => $"/api/membership/organisations/{s.Organisation}",
            Why: "legal entities of the public SIRENE register, that members of several places belong to"),
        new("POST /api/membership/organisations", Access.Operator, Scope.None, _ => "/api/membership/organisations", _ => Json(new { name = "SCIC", kind = "cooperative", siret = "73282932000074" })),
        new("GET /api/membership/plans", Access.Public, Scope.None, s => $"/api/membership/plans?placeId={s.Place}"),
        new("POST /api/membership/plans", Access.Operator, Scope.Place, _ => "/api/membership/plans",
            s => Json(new { placeId = s.Place, name = "Pass journée", kind = "day-pass", priceCents = 1500, validityDays = 1, includedHours = new Dictionary<string, int>() })),
        new("GET /api/membership/plans/{id}", Access.Public, Scope.Shared, s => $"/api/membership/plans/{s.Plan}", Why: "places publish their prices"),
        new("GET /api/membership/subscriptions/{id}", Access.Member, Scope.Member, s => $"/api/membership/subscriptions/{s.Subscription}"),
        new("POST /api/membership/subscriptions", Access.Member, Scope.Member, _ => "/api/membership/subscriptions", s => Json(new { memberId = s.Member, planId = s.Plan })),
        new("POST /api/membership/subscriptions/{id}/cancellation", Access.Member, Scope.Member, s => $"/api/membership/subscriptions/{s.Subscription}/cancellation"),
        new("POST /api/membership/subscriptions/{id}/renewal", Access.Member, Scope.Member, s => $"/api/membership/subscriptions/{s.Subscription}/renewal"),
        new("GET /api/membership/members/{id}/account", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}/account"),
        new("PUT /api/membership/members/{id}/password", Access.Member, Scope.Member, s => $"/api/membership/members/{s.Member}/password",
            _ => Json(new { newPassword = "une phrase de passe assez longue" })),
        new("PUT /api/membership/members/{id}/roles", Access.Admin, Scope.Member, s => $"/api/membership/members/{s.Member}/roles",
            s => Json(new { placeOperator = true, operatedPlaceIds = new[] { s.Place }, networkAdmin = true })),
        new("DELETE /api/membership/members/{id}/lockout", Access.Operator, Scope.Member, s => $"/api/membership/members/{s.Member}/lockout"),
        new("GET /api/membership/places", Access.Public, Scope.None, _ => "/api/membership/places"),
        new("PUT /api/membership/places/{id}/network-pass", Access.Operator, Scope.Place, s => $"/api/membership/places/{s.Place}/network-pass", _ => Json(new { accepts = true })),

        // Equipment: machines, their upkeep and who may use them.
        new("GET /api/equipment/machines", Access.Public, Scope.None, _ => "/api/equipment/machines"),
        new("POST /api/equipment/machines", Access.Operator, Scope.Place, _ => "/api/equipment/machines", Machine),
        new("GET /api/equipment/machines/{id}", Access.Public, Scope.Shared, s => $"/api/equipment/machines/{s.Machine}", Why: "a fablab shows its machines to everyone (the website's place pages)"),
        new("PUT /api/equipment/machines/{id}", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}", Machine),
        new("PUT /api/equipment/machines/{id}/status", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/status", _ => Json(new { status = "out-of-service", reason = "Panne" })),
        new("POST /api/equipment/machines/{id}/usage", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/usage", s => Json(new { hours = 1.5, memberId = s.Member })),
        new("GET /api/equipment/machines/{id}/check", Access.Member, Scope.Member, s => $"/api/equipment/machines/{s.Machine}/check?memberId={s.Member}"),
        new("GET /api/equipment/machines/{id}/maintenance-plans", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/maintenance-plans"),
        new("POST /api/equipment/machines/{id}/maintenance-plans", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/maintenance-plans", _ => Json(new { task = "Graisser", everyDays = 30 })),
        new("GET /api/equipment/machines/{id}/maintenance-log", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/maintenance-log"),
        new("POST /api/equipment/machines/{id}/maintenance-log", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/maintenance-log",
            s => Json(new { planId = s.MaintenancePlan, work = "Optique nettoyée" })),
        new("POST /api/equipment/machines/{id}/incidents", Access.Member, Scope.Shared, s => $"/api/equipment/machines/{s.Machine}/incidents",
            _ => Json(new { description = "Ça fume", @unsafe = true }), Why: "anyone who uses a machine of the network may report that it is unsafe"),
        new("GET /api/equipment/machines/{id}/incidents", Access.Operator, Scope.Place, s => $"/api/equipment/machines/{s.Machine}/incidents"),
        new("POST /api/equipment/incidents/{id}/resolution", Access.Operator, Scope.Place, s => $"/api/equipment/incidents/{s.Incident}/resolution",
            _ => Json(new { resolution = "Réparé", backInService = true })),
        new("GET /api/equipment/qualification-types", Access.Member, Scope.None, _ => "/api/equipment/qualification-types"),
        new("POST /api/equipment/qualification-types", Access.Admin, Scope.None, _ => "/api/equipment/qualification-types", _ => Json(new { code = "cnc", name = "Fraiseuse" })),
        new("GET /api/equipment/qualifications", Access.Member, Scope.SharedWithOperators, s => $"/api/equipment/qualifications?memberId={s.Member}",
            Why: "qualifications travel with the member: any place's operator checks a visitor's before a machine"),
        new("POST /api/equipment/qualifications", Access.Operator, Scope.Place, _ => "/api/equipment/qualifications", s => Json(new { memberId = s.Member, code = s.QualificationCode, placeId = s.Place })),
        new("POST /api/equipment/qualifications/{id}/revocation", Access.Operator, Scope.Place, s => $"/api/equipment/qualifications/{s.Qualification}/revocation", _ => Json(new { reason = "Usage dangereux" })),
        new("GET /api/equipment/places/{id}/recognition", Access.Public, Scope.Shared, s => $"/api/equipment/places/{s.Place}/recognition", Why: "what a place recognises is public"),
        new("PUT /api/equipment/places/{id}/recognition", Access.Operator, Scope.Place, s => $"/api/equipment/places/{s.Place}/recognition", _ => Json(new { mode = "all" })),

        // Training: courses and sessions are published; enrolments and attendance are the place's.
        new("GET /api/training/courses", Access.Public, Scope.None, s => $"/api/training/courses?placeId={s.Place}"),
        new("POST /api/training/courses", Access.Operator, Scope.Place, _ => "/api/training/courses", s => Json(new { title = "Soudure", placeId = s.Place, kind = "short-workshop", durationHours = 3 })),
        new("GET /api/training/courses/{id}", Access.Public, Scope.Shared, s => $"/api/training/courses/{s.Course}", Why: "the training offer is public"),
        new("GET /api/training/sessions", Access.Public, Scope.None, s => $"/api/training/sessions?placeId={s.Place}"),
        new("POST /api/training/sessions", Access.Operator, Scope.Place, _ => "/api/training/sessions",
            s => Json(new { courseId = s.Course, placeId = s.Place, capacity = 4, minimum = 1, slots = new[] { new { startsAt = Later, endsAt = Later.AddHours(2) } } })),
        new("GET /api/training/sessions/{id}", Access.Public, Scope.Shared, s => $"/api/training/sessions/{s.Session}", Why: "the training offer is public"),
        new("POST /api/training/sessions/{id}/cancellation", Access.Operator, Scope.Place, s => $"/api/training/sessions/{s.Session}/cancellation", _ => Json(new { reason = "Formateur malade" })),
        new("POST /api/training/sessions/{id}/enrolments", Access.Member, Scope.Member, s => $"/api/training/sessions/{s.Session}/enrolments", s => Json(new { memberId = s.Member })),
        new("GET /api/training/sessions/{id}/enrolments", Access.Operator, Scope.Place, s => $"/api/training/sessions/{s.Session}/enrolments"),
        new("PUT /api/training/sessions/{id}/slots/{slot}/attendance", Access.Operator, Scope.Place, s => $"/api/training/sessions/{s.Session}/slots/0/attendance",
            s => Json(new { entries = new[] { new { enrolmentId = s.Enrolment, status = "present" } } })),
        new("POST /api/training/sessions/{id}/completion", Access.Operator, Scope.Place, s => $"/api/training/sessions/{s.Session}/completion"),
        new("GET /api/training/enrolments", Access.Member, Scope.Member, s => $"/api/training/enrolments?memberId={s.Member}"),
        new("POST /api/training/enrolments/{id}/cancellation", Access.Member, Scope.Member, s => $"/api/training/enrolments/{s.Enrolment}/cancellation"),
        new("PUT /api/training/enrolments/{id}/outcomes/{stage}", Access.Operator, Scope.Place, s => $"/api/training/enrolments/{s.Enrolment}/outcomes/end", _ => Json(new { outcome = "job-seeking" })),
        new("GET /api/training/certificates/{code}", Access.Public, Scope.None, _ => "/api/training/certificates/ABCDEFGHJKMN"),
        new("GET /api/training/figures", Access.Operator, Scope.None, _ => "/api/training/figures"),
        new("GET /api/training/figures/figures.csv", Access.Operator, Scope.None, _ => "/api/training/figures/figures.csv"),

        // Booking: resources and their calendars; a member's bookings are theirs and their place's operators'.
        new("GET /api/booking/resources", Access.Member, Scope.Shared, s => $"/api/booking/resources?placeId={s.Place}", Why: "members of the network may book at other places (network pass)"),
        new("POST /api/booking/resources", Access.Operator, Scope.Place, _ => "/api/booking/resources", Resource),
        new("GET /api/booking/resources/{id}", Access.Member, Scope.Shared, s => $"/api/booking/resources/{s.Resource}", Why: "members of the network may book at other places (network pass)"),
        new("PUT /api/booking/resources/{id}", Access.Operator, Scope.Place, s => $"/api/booking/resources/{s.Resource}", Resource),
        new("GET /api/booking/bookings", Access.Member, Scope.Place, s => $"/api/booking/bookings?placeId={s.Place}"),
        new("POST /api/booking/bookings", Access.Member, Scope.Member, _ => "/api/booking/bookings",
            s => Json(new { resourceId = s.Resource, memberId = s.Member, startsAt = Later, endsAt = Later.AddHours(1) })),
        new("GET /api/booking/bookings/{id}", Access.Member, Scope.Member, s => $"/api/booking/bookings/{s.Booking}"),
        new("POST /api/booking/bookings/{id}/cancellation", Access.Member, Scope.Member, s => $"/api/booking/bookings/{s.Booking}/cancellation"),
        new("POST /api/booking/bookings/{id}/no-show", Access.Operator, Scope.Place, s => $"/api/booking/bookings/{s.Booking}/no-show"),
        new("GET /api/booking/calendars/resources/{id}.ics", Access.Public, Scope.Shared, s => $"/api/booking/calendars/resources/{s.Resource}.ics", Why: "busy periods only, no names"),
        new("GET /api/booking/calendars/members/{token}.ics", Access.Public, Scope.None, _ => "/api/booking/calendars/members/0123456789abcdefghijklmnopqrstuv.ics"),
        new("POST /api/booking/calendars/members/me/token", Access.Member, Scope.None, _ => "/api/booking/calendars/members/me/token"),
        new("GET /api/booking/resources/{id}/availability", Access.Member, Scope.Shared, s => $"/api/booking/resources/{s.Resource}/availability?date={Later:yyyy-MM-dd}", Why: "free periods say nothing about who booked"),
        new("GET /api/booking/availability", Access.Member, Scope.Shared, s => $"/api/booking/availability?placeId={s.Place}&kind=desk&date={Later:yyyy-MM-dd}", Why: "free periods say nothing about who booked"),
        new("GET /api/booking/places/{id}", Access.Member, Scope.Shared, s => $"/api/booking/places/{s.Place}", Why: "opening hours and closures are public information"),
        new("POST /api/booking/places/{id}/closures", Access.Operator, Scope.Place, s => $"/api/booking/places/{s.Place}/closures",
            _ => Json(new { startsAt = Later.AddDays(3), endsAt = Later.AddDays(4), reason = "Travaux" })),
        new("DELETE /api/booking/places/{id}/closures/{closureId}", Access.Operator, Scope.Place, s => $"/api/booking/places/{s.Place}/closures/{s.Closure}"),

        // Notifications: a member's inbox is theirs; their place's operators read what concerns their place.
        new("GET /api/notifications/inbox", Access.Member, Scope.None, _ => "/api/notifications/inbox"),
        new("POST /api/notifications/inbox/read", Access.Member, Scope.None, _ => "/api/notifications/inbox/read"),
        new("POST /api/notifications/inbox/{id}/read", Access.Member, Scope.Member, s => $"/api/notifications/inbox/{s.Notification}/read"),
        new("GET /api/notifications/members/{memberId}", Access.Operator, Scope.Member, s => $"/api/notifications/members/{s.Member}"),
        new("GET /api/notifications/preferences", Access.Member, Scope.None, _ => "/api/notifications/preferences"),
        new("PUT /api/notifications/preferences", Access.Member, Scope.None, _ => "/api/notifications/preferences", _ => Json(new { network = true })),
        // One-click unsubscribe works without signing in: the unguessable token of one mail is the key.
        new("GET /api/notifications/unsubscribe/{token}", Access.Public, Scope.None, _ => $"/api/notifications/unsubscribe/{new string('0', 48)}"),
        new("POST /api/notifications/unsubscribe/{token}", Access.Public, Scope.None, _ => $"/api/notifications/unsubscribe/{new string('0', 48)}"),
    ];
}
