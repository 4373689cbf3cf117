using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The network's website on the running AppHost, in Debian's Chromium, as a visitor on a phone and on a desktop:
/// every page axe-core clean, screenshots kept in TestResults/.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebsiteTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Website => platform.AppHost.App.GetEndpoint(ResourceNames.Web, "http").ToString().TrimEnd('/');

    public static TheoryData<string> Screens => ["phone", "desktop"];

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task A_visitor_finds_the_fablab_machines_of_the_Aude_on_the_map_and_opens_IN_ESS_s_page(string screen)
    {
        await platform.InessAsync();
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "website"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(screen == "phone" ? Chromium.Phone : new BrowserNewPageOptions { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "fr-FR" });
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);

        // Home: the label, and the network counted by typology (the directory's demo network: 111 places).
        await page.GotoAsync(Website);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les tiers-lieux labellisés d'Occitanie", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = CountOf("fablabs") })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, $"home-{screen}.png"), FullPage = true });

        // The map, filtered as a visitor would: the Aude, places with fabrication machines.
        await page.GetByRole(AriaRole.Link, new() { Name = "Trouver un lieu près de chez vous" }).ClickAsync();
        await page.GetByLabel("Département").SelectOptionAsync(new SelectOptionValue { Label = "Aude (11)" });
        await page.GetByLabel("Service proposé").SelectOptionAsync(new SelectOptionValue { Label = "Machines de fabrication numérique" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("departement=11.*service=fablab-machines"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Carte des lieux — Aude (11)", Level = 1 })).ToBeVisibleAsync();
        var cards = page.Locator(".place-card");
        await Assertions.Expect(cards.First).ToBeVisibleAsync();
        foreach (var card in await cards.AllAsync())
        {
            await Assertions.Expect(card).ToContainTextAsync("Aude (11)");
        }

        // The map draws the same places (markers, or clusters of them).
        await Assertions.Expect(page.Locator("#carte .leaflet-marker-icon").First).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, $"map-aude-{screen}.png"), FullPage = true });

        // IN'ESS's page, at an address of its own, described for search engines.
        await page.GetByRole(AriaRole.Link, new() { Name = "IN'ESS", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IN'ESS", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/lieux/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByText("Machines de fabrication numérique")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("1 rue de l'Hôtel de Ville, 11100 Narbonne")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("du lundi au vendredi : de 08:30 à 18:30")).ToBeVisibleAsync();
        // Open now or not, as the directory decides from the hours at this moment (either is right, one must be said).
        await Assertions.Expect(page.Locator(".place dd strong")).ToHaveTextAsync(new Regex("^— (ouvert|fermé) maintenant$"));
        var pass = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Obtenir un pass" }) });
        await Assertions.Expect(pass).ToContainTextAsync("Journée coworking : 15 € pour une journée");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prochaines formations" })).ToBeVisibleAsync();
        var structured = JsonNode.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "")!;
        Assert.Equal("LocalBusiness", structured["@type"]!.GetValue<string>());
        Assert.Equal("IN'ESS", structured["name"]!.GetValue<string>());
        Assert.Equal("Narbonne", structured["address"]!["addressLocality"]!.GetValue<string>());
        Assert.Equal(page.Url, structured["url"]!.GetValue<string>());
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, $"place-iness-{screen}.png"), FullPage = true });
    }

    [Fact]
    public async Task Every_place_is_in_the_sitemap_and_an_unknown_place_is_a_French_404_page()
    {
        var iness = await platform.InessAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var sitemap = await http.GetStringAsync($"{Website}/sitemap.xml", Cancel);
        Assert.Contains($"{Website}/lieux/{iness}</loc>", sitemap, StringComparison.Ordinal);
        Assert.True(Regex.Count(sitemap, "<loc>") >= 111 + 2, "every demo place and the site's pages");

        using var unknown = await http.GetAsync($"{Website}/lieux/{Guid.NewGuid()}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Page introuvable", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var nowhere = await http.GetAsync($"{Website}/nulle-part", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Contains("Page introuvable", await nowhere.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agenda_shows_the_network_s_events_and_a_certificate_code_is_verified_on_accessible_pages()
    {
        var iness = await platform.InessAsync();
        var title = $"Portes ouvertes {Guid.NewGuid():N}"[..24];
        var startsAt = DateTimeOffset.UtcNow.AddDays(10);
        using var created = await platform.Admin.PostAsJsonAsync("/api/directory/agenda",
            new { title, kind = "open-day", startsAt, endsAt = startsAt.AddHours(3), placeId = iness, location = "Narbonne" }, Cancel);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancel));
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "website"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(Chromium.Phone);
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync($"{Website}/agenda");
        var card = page.Locator(".place-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await Assertions.Expect(card).ToContainTextAsync("Narbonne");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "calendrier du réseau (iCalendar)" })).ToHaveAttributeAsync("href", new Regex("/api/directory/agenda/agenda.ics$"));
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, "agenda-phone.png"), FullPage = true });

        // A made-up code: training knows no such certificate, and the page says so in words.
        await page.GetByRole(AriaRole.Link, new() { Name = "Vérifier une attestation" }).ClickAsync();
        await page.GetByLabel("Code de l'attestation").FillAsync("ZZZZ-ZZZZ-ZZZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Aucune attestation ne porte ce code.")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, "certificate-unknown-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_visitor_finds_the_places_near_a_commune_on_the_offline_base_map_and_a_partner_embeds_that_map()
    {
        await platform.InessAsync();
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "website"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "fr-FR" });
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);

        await page.GotoAsync($"{Website}/lieux");
        // No tile server here: the base map is the thirteen départements that ship with the site.
        await Assertions.Expect(page.Locator("#carte .leaflet-overlay-pane path")).ToHaveCountAsync(13);
        await page.GetByLabel("Près de la commune").FillAsync("narbonne");
        await page.GetByLabel("Dans un rayon de").SelectOptionAsync(new SelectOptionValue { Label = "10 km" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Carte des lieux labellisés, à moins de 10 km de Narbonne (11)");
        var iness = page.Locator(".place-card", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "IN'ESS", Exact = true }) });
        await Assertions.Expect(iness).ToContainTextAsync(new Regex(@"À \d+(,\d)? km"));
        await Chromium.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, "map-near-narbonne-desktop.png"), FullPage = true });

        // A name several communes share asks which one.
        await page.GetByLabel("Près de la commune").FillAsync("Aigues-Vives");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aigues-Vives (30)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aigues-Vives (11)" })).ToBeVisibleAsync();

        // The embed code of the map near Narbonne, pasted into a partner's page: the same places, framed.
        await page.GotoAsync($"{Website}/lieux?commune=Narbonne&rayon=10");
        await page.GetByText("Intégrer cette carte à votre site").ClickAsync();
        var code = await page.GetByLabel("Code d'intégration").InputValueAsync();
        var source = Regex.Match(code, "src=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith($"{Website}/carte/integrer?commune=Narbonne%20%2811%29&rayon=10", source, StringComparison.Ordinal);
        var partner = await browser.NewPageAsync();
        await partner.SetContentAsync($"<!DOCTYPE html><html lang=\"fr\"><head><title>Partenaire</title></head><body><main><h1>Nos voisins</h1>{code}</main></body></html>");
        var frame = partner.FrameLocator("iframe");
        await Assertions.Expect(frame.GetByRole(AriaRole.Link, new() { Name = "IN'ESS", Exact = true })).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(frame.Locator("#carte .leaflet-marker-icon, #carte .marker-cluster").First).ToBeVisibleAsync();
        await partner.ScreenshotAsync(new() { Path = Path.Combine(artefacts.FullName, "map-embedded-desktop.png"), FullPage = true });

        // Only the embeddable map may be framed.
        using var http = new HttpClient();
        using var site = await http.GetAsync($"{Website}/lieux", Cancel);
        Assert.Equal("DENY", site.Headers.GetValues("X-Frame-Options").Single());
        using var embedded = await http.GetAsync(source, Cancel);
        Assert.False(embedded.Headers.Contains("X-Frame-Options"));
        Assert.False(embedded.Headers.Contains("Content-Security-Policy"));
    }

    private static Regex CountOf(string plural) => new($"^\\d+ {plural}$");
}
