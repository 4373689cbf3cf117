using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Duende.IdentityModel.Client;
using Microsoft.Playwright;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// People sign in through the gateway with the demo credentials the AppHost printed, and the services behind it
/// honour their tokens and their places: membership's tokens validated by the directory through the discovery contract.
/// They share the collection's platform: nothing here changes what the other classes read (IN'ESS is written back as it
/// was read, the new member and the new place have names of their own).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SignInTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<TokenResponse> SignInAsync(string email, string passwordParameter) => platform.SignInAsync(email, passwordParameter);

    private Task<Guid> InessAsync() => platform.InessAsync();

    [Fact]
    public async Task The_operator_of_IN_ESS_signs_in_through_the_gateway_and_edits_IN_ESS_but_not_another_place()
    {
        var iness = await InessAsync();
        var other = await platform.Admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne($"Coworking de Béziers {Guid.NewGuid():N}"[..40]), Cancel);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<Guid>();

        var token = await SignInAsync("operateur@iness.example", "demo-operator-password");
        using var operatorClient = new HttpClient { BaseAddress = platform.Gateway.BaseAddress }.WithBearer(token.AccessToken!);
        // The operator's own frontend reads the place and saves it back under its ETag, as a form does.
        using var read = await operatorClient.GetAsync($"/api/directory/places/{iness}", Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var place = (await read.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        var version = place["version"]!.GetValue<int>();
        foreach (var readOnly in new[] { "id", "label", "version", "createdAt", "updatedAt" })
        {
            place.Remove(readOnly);
        }

        using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/places/{iness}") { Content = JsonContent.Create(place) };
        save.Headers.IfMatch.Add(read.Headers.ETag!);
        using var edited = await operatorClient.SendAsync(save, Cancel);
        var refused = await operatorClient.PutAsJsonAsync($"/api/directory/places/{otherId}", SamplePlaces.Narbonne("Pas le mien"), Cancel);

        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(version + 1, (await edited.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["version"]!.GetValue<int>());
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden);
        var members = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/membership/members?placeId={iness}&search=lea.martin", Cancel);
        Assert.Contains(members!["items"]!.AsArray(), member => member!["email"]!.GetValue<string>() == "lea.martin@example.org");
    }

    /// <summary>
    /// The whole way of a new member: the operator registers them, the welcome mail (membership → RabbitMQ →
    /// notifications → smtp4dev) carries the link, the member chooses a password on a phone and signs in; later they
    /// ask for a new one. Every page on the way is axe-core clean.
    /// </summary>
    [Fact]
    public async Task A_member_registered_by_the_network_chooses_a_password_from_the_welcome_mail_on_accessible_pages()
    {
        var iness = await InessAsync();
        var email = $"camille.{Guid.NewGuid():N}@example.org";
        var registered = await platform.Admin.PostAsJsonAsync("/api/membership/members", new { firstName = "Camille", lastName = "Durand", email, placeIds = new[] { iness } }, Cancel);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(Cancel));
        using var mailbox = new Mailbox(new Uri($"http://127.0.0.1:{platform.AppHost.MailWebPort}"));
        var welcome = Assert.Single(await mailbox.WaitForAsync(email, timeout: TimeSpan.FromMinutes(2)));
        Assert.Equal("Bienvenue dans le réseau des tiers-lieux d'Occitanie", welcome.Subject);
        var link = new Uri(ChoosePasswordLink().Match(welcome.TextBody ?? "").Value);
        Assert.Equal(platform.Gateway.BaseAddress!.Port, link.Port);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(Chromium.Phone);
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);

        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choisir votre mot de passe" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Nouveau mot de passe").FillAsync("Camille's own long password");
        await page.GetByLabel("Le même, une seconde fois").FillAsync("Camille's own long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe enregistré" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        var token = await platform.SignInWithPasswordAsync(email, "Camille's own long password");
        Assert.False(string.IsNullOrEmpty(token.AccessToken));

        // Forgotten later: the same pages, and a second mail with a new link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe oublié" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vérifiez votre messagerie" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        var reset = (await mailbox.WaitForAsync(email, count: 2, timeout: TimeSpan.FromMinutes(2))).Single(m => m.Subject == "Choisir un nouveau mot de passe");
        Assert.NotEqual(link, new Uri(ChoosePasswordLink().Match(reset.TextBody ?? "").Value));

        // The welcome's link is spent: the page says so and offers a new one.
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce lien ne sert plus" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [GeneratedRegex(@"http\S+/account/choose-password\?token=[\w-]+")]
    private static partial Regex ChoosePasswordLink();

    [Fact]
    public async Task A_demo_member_sees_their_own_data_through_the_gateway_and_nobody_elses()
    {
        var token = await SignInAsync("lea.martin@example.org", "demo-member-password");
        using var member = new HttpClient { BaseAddress = platform.Gateway.BaseAddress }.WithBearer(token.AccessToken!);
        var others = await platform.Admin.GetFromJsonAsync<JsonObject>("/api/membership/members?pageSize=100", Cancel);
        var lea = others!["items"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == "lea.martin@example.org")!["id"]!.GetValue<Guid>();
        var karim = others["items"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == "karim.benali@example.org")!["id"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/membership/members/{lea}/personal-data", Cancel)).StatusCode);
        await Problem.AssertAsync(await member.GetAsync($"/api/membership/members/{karim}", Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await member.GetAsync("/api/membership/members", Cancel), HttpStatusCode.Forbidden);
        var subscriptions = await member.GetFromJsonAsync<JsonArray>($"/api/membership/members/{lea}/subscriptions", Cancel);
        Assert.Single(subscriptions!);
    }

    [Fact]
    public async Task Without_a_token_writes_through_the_gateway_get_401_problem_json()
    {
        var response = await platform.Gateway.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("Sans jeton"), Cancel);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }
}
