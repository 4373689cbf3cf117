using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>
/// One object of every kind the API hands out, at one place, for one member of it: what the OWASP suite calls with
/// another place's or member's ids. Side A is IN'ESS and Léa (whom the demo operator and the demo member may see);
/// side B is a place and a member they have nothing to do with.
/// </summary>
public sealed record Side(
    string Name, Guid Place, Guid Member, Guid Plan, Guid Subscription, Guid Organisation,
    Guid Machine, Guid MaintenancePlan, Guid Incident, Guid Qualification,
    Guid Course, Guid Session, Guid Enrolment,
    Guid Resource, Guid Booking, Guid Closure,
    Guid AgendaEvent, Guid LabelApplication,
    Guid Campaign, string QualificationCode, Guid Notification);

/// <summary>Both sides, and what they share (a label campaign, a qualification type).</summary>
public sealed record SecurityWorld(Side A, Side B, Guid Campaign, string QualificationCode)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Side this[string side] => side == "A" ? A : B;

    /// <summary>Builds both sides as the network team would, through the gateway (each service learns of the others' objects by events).</summary>
    public static async Task<SecurityWorld> BuildAsync(HttpClient admin, Guid iness, Guid lea)
    {
        var code = $"owasp-{Guid.NewGuid():N}"[..20];
        await CreateAsync(admin, "/api/equipment/qualification-types", new { code, name = "Sécurité laser" });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaign = await CreateAsync(admin, "/api/directory/label-campaigns", new
        {
            edition = 100 + Random.Shared.Next(900),
            title = "Appel à labellisation (suite de sécurité)",
            callOpensOn = today.AddDays(-1),
            callClosesOn = today.AddDays(30),
            labelValidityMonths = 36,
            criteria = new[] { new { code = "territory", name = "Ancrage territorial", weight = 100 } },
        });
        var otherPlace = await CreateAsync(admin, "/api/directory/places", SamplePlaces.Narbonne($"Lieu d'ailleurs {Guid.NewGuid():N}"[..24], "fablab"));
        var otherMember = await CreateAsync(admin, "/api/membership/members",
            new { firstName = "Noa", lastName = "Ailleurs", email = $"noa.{Guid.NewGuid():N}@example.org", placeIds = new[] { otherPlace } });
        var a = await SideAsync(admin, "A", iness, lea, code, campaign);
        var b = await SideAsync(admin, "B", otherPlace, otherMember, code, campaign);
        return new SecurityWorld(a, b, campaign, code);
    }

    private static async Task<Side> SideAsync(HttpClient admin, string name, Guid place, Guid member, string code, Guid campaign)
    {
        var plan = await CreateAsync(admin, "/api/membership/plans",
            new { placeId = place, name = $"Coworking {name}", kind = "monthly-coworking", priceCents = 5000, validityDays = 60, includedHours = new Dictionary<string, int>() });
        var subscription = await CreateAsync(admin, "/api/membership/subscriptions", new { memberId = member, planId = plan });
        var organisation = await CreateAsync(admin, "/api/membership/organisations", new { name = $"Association {name}", kind = "association", siret = Siret() });
        var machine = await CreateAsync(admin, "/api/equipment/machines",
            new { placeId = place, name = $"Laser {name}", category = "laser-cutter", requiredQualification = code, hourlyCostCents = 1000 });
        var maintenancePlan = await CreateAsync(admin, $"/api/equipment/machines/{machine}/maintenance-plans", new { task = "Nettoyer l'optique", everyHours = 10 });
        var incident = await CreateAsync(admin, $"/api/equipment/machines/{machine}/incidents", new { description = "Bruit au démarrage", @unsafe = false });
        var qualification = await CreateAsync(admin, "/api/equipment/qualifications", new { memberId = member, code, placeId = place });
        var course = await CreateAsync(admin, "/api/training/courses", new { title = $"Découverte {name}", placeId = place, kind = "short-workshop", durationHours = 2 });
        var starts = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(10).AddHours(9), TimeSpan.Zero);
        var session = await CreateAsync(admin, "/api/training/sessions",
            new { courseId = course, placeId = place, capacity = 5, minimum = 1, slots = new[] { new { startsAt = starts, endsAt = starts.AddHours(2) } } });
        var enrolment = await CreateAsync(admin, $"/api/training/sessions/{session}/enrolments", new { memberId = member });
        var resource = await CreateAsync(admin, "/api/booking/resources", new { placeId = place, name = $"Bureau {name}", kind = "desk" });
        var booking = await CreateAsync(admin, "/api/booking/bookings",
            new { resourceId = resource, memberId = member, startsAt = NextWeekday(3, 9), endsAt = NextWeekday(3, 10) });
        var closure = await CreateAsync(admin, $"/api/booking/places/{place}/closures",
            new { startsAt = NextWeekday(25, 0), endsAt = NextWeekday(25, 0).AddDays(1), reason = "Inventaire" });
        var agendaEvent = await CreateAsync(admin, "/api/directory/agenda",
            new { title = $"Rencontre {name}", kind = "meeting", startsAt = starts, endsAt = starts.AddHours(2), placeId = place, location = "Salle commune" });
        var application = await CreateAsync(admin, $"/api/directory/label-campaigns/{campaign}/applications", new { placeId = place, statement = "Un lieu ouvert à tous." });
        // What the member was told of all this (their subscription, booking, enrolment…): one of their notifications.
        var notification = Guid.Empty;
        await TestWait.UntilAsync(async () =>
        {
            var told = await admin.GetFromJsonAsync<JsonObject>($"/api/notifications/members/{member}", Cancel);
            notification = told?["items"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<Guid>() ?? Guid.Empty;
            return notification != Guid.Empty;
        }, TimeSpan.FromSeconds(90));
        return new Side(name, place, member, plan, subscription, organisation, machine, maintenancePlan, incident, qualification,
            course, session, enrolment, resource, booking, closure, agendaEvent, application, campaign, code, notification);
    }

    /// <summary>POSTs until created (services learn of the objects they refer to through events, a moment later); the new id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, string path, object body)
    {
        // Objects named by a code (qualification types) have no id.
        var created = await CreatedEventuallyAsync(() => client.PostAsJsonAsync(path, body, Cancel), $"POST {path}");
        return created["id"]?.GetValue<Guid>() ?? Guid.Empty;
    }

    /// <summary>Sends until the answer is 201 (within 90 s: the services may still be catching up with the seeded network); its body.</summary>
    public static async Task<JsonNode> CreatedEventuallyAsync(Func<Task<HttpResponseMessage>> send, string what = "the request")
    {
        JsonNode? created = null;
        var last = "";
        try
        {
            await TestWait.UntilAsync(async () =>
            {
                using var response = await send();
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}";
                created = response.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(last[4..]) : null;
                return created is not null;
            }, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not create within 90 s; the last answer: {last}");
        }

        return created!;
    }

    /// <summary>A Tuesday to Thursday at least <paramref name="days"/> away, at this UTC hour (inside every place's opening hours).</summary>
    internal static DateTimeOffset NextWeekday(int days, int hour)
    {
        var day = DateTime.UtcNow.Date.AddDays(days);
        while (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday))
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.AddHours(hour), TimeSpan.Zero);
    }

    /// <summary>A random SIRET with a valid Luhn key.</summary>
    private static string Siret()
    {
        var digits = Enumerable.Range(0, 13).Select(_ => Random.Shared.Next(10)).ToList();
        for (var key = 0; key < 10; key++)
        {
            var candidate = digits.Append(key).ToList();
            var sum = candidate.Select((digit, index) => index % 2 == 0 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit).Sum();
            if (sum % 10 == 0)
            {
                return string.Concat(candidate.Select(digit => digit.ToString(CultureInfo.InvariantCulture)));
            }
        }

        throw new InvalidOperationException("unreachable: one key always completes the Luhn sum");
    }
}
