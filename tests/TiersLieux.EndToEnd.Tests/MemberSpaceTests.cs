using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The member space on the running AppHost, in Debian's Chromium: members sign in on membership's page (code flow
/// with PKCE, the website a confidential client), book, cancel, are refused in words, land on a waiting list and sign
/// out. What an operator would have set up beforehand (a place accepting the network pass, a desk, a laser cutter, a
/// full session) the network team's client sets up through the gateway. Every page axe-core clean; screenshots kept.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class MemberSpaceTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Website => platform.AppHost.App.GetEndpoint(ResourceNames.Web, "http").ToString().TrimEnd('/');

    public static TheoryData<string> Screens => ["phone", "desktop"];

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task A_member_books_a_desk_elsewhere_with_the_network_pass_cancels_it_joins_a_waiting_list_and_signs_out(string screen)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var iness = await platform.InessAsync();
        var members = await DemoMembersAsync(iness);
        var (placeName, deskName) = await PlaceAcceptingTheNetworkPassWithADeskAsync(suffix, members["sophie.roux@example.org"]);
        var course = await FullSessionAsync(iness, suffix, members["lea.martin@example.org"]);
        var artefacts = Artefacts();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await NewPageAsync(browser, screen);

        await SignInAsync(page, "sophie.roux@example.org");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bonjour Sophie Roux", Level = 1 })).ToBeVisibleAsync();
        var pass = page.Locator(".place-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Pass réseau Occitanie" }) }).First;
        await Assertions.Expect(pass).ToContainTextAsync(placeName);
        await Check(page, artefacts, $"member-home-{screen}");

        // Book a desk at the other place, on the first free period the page offers.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon espace" }).GetByRole(AriaRole.Link, new() { Name = "Réserver" }).ClickAsync();
        await page.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Label = $"{placeName} (pass réseau)" });
        await page.GetByLabel("Je veux réserver").SelectOptionAsync(new SelectOptionValue { Label = "Poste de travail" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les disponibilités" }).ClickAsync();
        var desk = page.Locator("section.availability", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = deskName }) });
        await Check(page, artefacts, $"member-availability-{screen}");
        await desk.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Réserver « {deskName} »" })).ToBeVisibleAsync();
        await Check(page, artefacts, $"member-book-form-{screen}");
        // The subscription reaches booking through RabbitMQ: until it has, the refusal says no subscription covers it.
        await TestWait.UntilAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Réserver", Exact = true }).ClickAsync();
            var outcome = page.Locator(".success, [role=alert]").First;
            await Assertions.Expect(outcome).ToBeVisibleAsync();
            if (await page.Locator(".success").CountAsync() > 0)
            {
                return true;
            }

            await Assertions.Expect(outcome).ToContainTextAsync("Aucun de vos abonnements");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await page.ReloadAsync();
            return false;
        }, TimeSpan.FromMinutes(2));
        await Assertions.Expect(page.Locator(".success")).ToContainTextAsync($"Réservation confirmée : {deskName}");
        await Check(page, artefacts, $"member-booked-{screen}");

        // My bookings: there, with its cancellation rule; cancelled from the keyboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir mes réservations" }).ClickAsync();
        var booking = page.Locator(".booking", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = deskName }) });
        await Assertions.Expect(booking).ToContainTextAsync(placeName);
        await Assertions.Expect(booking).ToContainTextAsync("Annulable jusqu'à");
        await Check(page, artefacts, $"member-bookings-{screen}");
        await booking.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Annuler la réservation") }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".success")).ToContainTextAsync($"Réservation annulée : {deskName}");
        await Assertions.Expect(booking).ToContainTextAsync("Annulée (par vous)");
        await Assertions.Expect(booking.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // A full session: the enrolment lands on the waiting list, and the page says where.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon espace" }).GetByRole(AriaRole.Link, new() { Name = "Mes formations" }).ClickAsync();
        var session = page.Locator(".place-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = course }) });
        await Assertions.Expect(session).ToContainTextAsync("complète");
        await session.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^M'inscrire") }).ClickAsync();
        await Assertions.Expect(page.Locator(".success")).ToContainTextAsync("vous êtes sur la liste d'attente, en position 1");
        await Assertions.Expect(page.Locator(".place-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = course }) }).First)
            .ToContainTextAsync("Sur liste d'attente (position 1)");
        await Check(page, artefacts, $"member-trainings-{screen}");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon espace" }).GetByRole(AriaRole.Link, new() { Name = "Mes données" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Télécharger toutes mes données (JSON)" })).ToBeVisibleAsync();
        await Check(page, artefacts, $"member-data-{screen}");

        // Signing out ends the session here and at the platform: the member space asks to sign in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await page.GotoAsync($"{Website}/espace");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter à mon espace" })).ToBeVisibleAsync();
        await Check(page, artefacts, $"member-signed-out-{screen}");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Mot de passe")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_without_the_qualification_is_refused_the_laser_cutter_in_words()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var iness = await platform.InessAsync();
        var laser = await LaserCutterAsync(iness, suffix);
        var artefacts = Artefacts();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await NewPageAsync(browser, "phone");

        await SignInAsync(page, "karim.benali@example.org");
        await page.GotoAsync($"{Website}/espace/reserver");
        await page.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Label = "IN'ESS" });
        await page.GetByLabel("Je veux réserver").SelectOptionAsync(new SelectOptionValue { Label = "Machine du fablab" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les disponibilités" }).ClickAsync();
        var machine = page.Locator("section.availability", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = laser }) });
        await Assertions.Expect(machine).ToContainTextAsync("Habilitation requise");
        await machine.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Réserver", Exact = true }).ClickAsync();

        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("Réservation refusée.");
        await Assertions.Expect(refusal).ToContainTextAsync("Vous n'avez pas la qualification requise");
        await Check(page, artefacts, "member-refused-laser-phone");
    }

    private async Task<IPage> NewPageAsync(IBrowser browser, string screen)
    {
        var page = await browser.NewPageAsync(screen == "phone" ? Chromium.Phone : new BrowserNewPageOptions { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "fr-FR" });
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return page;
    }

    /// <summary>From the site's header to membership's sign-in page (through the gateway) and back, signed in.</summary>
    private async Task SignInAsync(IPage page, string email)
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(platform.AppHost.StateDirectory, "parameters", "demo-member-password"), Cancel)).Trim();
        await page.GotoAsync(Website);
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(platform.Gateway.BaseAddress!.ToString())}account/login"));
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{Website}/espace");
    }

    /// <summary>The demo members of IN'ESS by email, once membership has seeded them.</summary>
    private async Task<Dictionary<string, Guid>> DemoMembersAsync(Guid iness)
    {
        var members = new Dictionary<string, Guid>();
        await TestWait.UntilAsync(async () =>
        {
            var page = await platform.Admin.GetFromJsonAsync<JsonObject>($"/api/membership/members?placeId={iness}&pageSize=100", Cancel);
            foreach (var member in page!["items"]!.AsArray())
            {
                members[member!["email"]!.GetValue<string>()] = member["id"]!.GetValue<Guid>();
            }

            return members.ContainsKey("sophie.roux@example.org") && members.ContainsKey("lea.martin@example.org");
        }, TimeSpan.FromMinutes(2));
        return members;
    }

    /// <summary>
    /// A new place open every day that accepts the network pass, a desk there, and the member's network pass renewed
    /// afterwards (a pass is valid at the places accepting it when it is bought or renewed).
    /// </summary>
    private async Task<(string Place, string Desk)> PlaceAcceptingTheNetworkPassWithADeskAsync(string suffix, Guid member)
    {
        var name = $"Coworking de Béziers {suffix}";
        var place = SamplePlaces.Narbonne(name, "coworking");
        place["openingHours"] = "Mo-Su 07:00-21:00";
        var placeId = await CreatedIdAsync(await platform.Admin.PostAsJsonAsync("/api/directory/places", place, Cancel));
        // Membership and booking learn of the place from the directory's PlaceRegistered.
        await TestWait.UntilAsync(async () =>
            (await platform.Admin.PutAsJsonAsync($"/api/membership/places/{placeId}/network-pass", new { accepts = true }, Cancel)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromMinutes(2));
        var desk = $"Poste nomade {suffix}";
        HttpResponseMessage? created = null;
        await TestWait.UntilAsync(async () =>
        {
            created = await platform.Admin.PostAsJsonAsync("/api/booking/resources",
                new { placeId, name = desk, kind = "desk", seats = 1, slotMinutes = 60, minMinutes = 60, maxMinutes = 480, minNoticeMinutes = 60 }, Cancel);
            return created.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromMinutes(2));

        var plans = await platform.Admin.GetFromJsonAsync<JsonArray>("/api/membership/plans", Cancel);
        var networkPass = plans!.Single(plan => plan!["name"]!.GetValue<string>() == "Pass réseau Occitanie")!["id"]!.GetValue<Guid>();
        var subscriptions = await platform.Admin.GetFromJsonAsync<JsonArray>($"/api/membership/members/{member}/subscriptions", Cancel);
        var pass = subscriptions!.Single(s => s!["planId"]!.GetValue<Guid>() == networkPass && s["status"]!.GetValue<string>() == "active")!["id"]!.GetValue<Guid>();
        using var renewed = await platform.Admin.PostAsJsonAsync($"/api/membership/subscriptions/{pass}/renewal", new { }, Cancel);
        Assert.True(renewed.StatusCode == HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync(Cancel));
        return (name, desk);
    }

    /// <summary>A course at IN'ESS whose one session (one seat) another member has taken.</summary>
    private async Task<string> FullSessionAsync(Guid iness, string suffix, Guid seatTaker)
    {
        var title = $"Initiation à la découpe laser {suffix}";
        var courseId = await CreatedIdAsync(await platform.Admin.PostAsJsonAsync("/api/training/courses",
            new { title, placeId = iness, kind = "short-workshop", durationHours = 3, qualificationCodes = Array.Empty<string>(), requiredAttendancePercent = 80 }, Cancel));
        var startsAt = DateTimeOffset.UtcNow.Date.AddDays(14).AddHours(8);
        var sessionId = await CreatedIdAsync(await platform.Admin.PostAsJsonAsync("/api/training/sessions",
            new { courseId, placeId = iness, trainerName = "Nadia Ferrand", capacity = 1, minimum = 1, slots = new[] { new { startsAt, endsAt = startsAt.AddHours(3) } } }, Cancel));
        await CreatedIdAsync(await platform.Admin.PostAsJsonAsync($"/api/training/sessions/{sessionId}/enrolments", new { memberId = seatTaker }, Cancel));
        return title;
    }

    /// <summary>A laser cutter at IN'ESS asking a qualification nobody holds, once booking has made it bookable.</summary>
    private async Task<string> LaserCutterAsync(Guid iness, string suffix)
    {
        var code = $"laser-{suffix}";
        using var defined = await platform.Admin.PostAsJsonAsync("/api/equipment/qualification-types",
            new { code, name = "Découpe laser", validityMonths = 24, inactivityMonths = 12 }, Cancel);
        Assert.True(defined.StatusCode == HttpStatusCode.Created, await defined.Content.ReadAsStringAsync(Cancel));
        var name = $"Découpeuse laser {suffix}";
        await CreatedIdAsync(await platform.Admin.PostAsJsonAsync("/api/equipment/machines",
            new { placeId = iness, name, category = "laser-cutter", requiredQualification = code, hourlyCostCents = 1500 }, Cancel));
        await TestWait.UntilAsync(async () =>
        {
            var resources = await platform.Admin.GetFromJsonAsync<JsonArray>($"/api/booking/resources?placeId={iness}&kind=machine", Cancel);
            return resources!.Any(resource => resource!["name"]!.GetValue<string>() == name);
        }, TimeSpan.FromMinutes(2));
        return name;
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    private static DirectoryInfo Artefacts() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "website"));

    private static async Task Check(IPage page, DirectoryInfo artefacts, string name)
    {
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, $"{name}.png"), FullPage = true });
    }
}
