using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// People sign in through the gateway with the demo credentials the AppHost printed, and the services behind it
/// honour their tokens and their places: membership's tokens validated by the directory through the discovery contract.
/// </summary>
public sealed class SignInTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<TokenResponse> SignInAsync(string email, string passwordParameter) => platform.SignInAsync(email, passwordParameter);

    private Task<Guid> InessAsync() => platform.InessAsync();

    [Fact]
    public async Task The_operator_of_IN_ESS_signs_in_through_the_gateway_and_edits_IN_ESS_but_not_another_place()
    {
        var iness = await InessAsync();
        var other = await platform.Admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("Coworking de Béziers"), Cancel);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<Guid>();

        var token = await SignInAsync("operateur@iness.example", "demo-operator-password");
        using var operatorClient = new HttpClient { BaseAddress = platform.Gateway.BaseAddress }.WithBearer(token.AccessToken!);
        var edited = await operatorClient.PutAsJsonAsync($"/api/directory/places/{iness}", SamplePlaces.Narbonne("IN'ESS"), Cancel);
        var refused = await operatorClient.PutAsJsonAsync($"/api/directory/places/{otherId}", SamplePlaces.Narbonne("Pas le mien"), Cancel);

        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync(Cancel));
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden);
        var members = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/membership/members?placeId={iness}", Cancel);
        Assert.Contains(members!["items"]!.AsArray(), member => member!["email"]!.GetValue<string>() == "lea.martin@example.org");
    }

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
