using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Membership;
using TiersLieux.Testing;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>GDPR: a member can take everything membership holds about them, and have it erased.</summary>
public sealed class PersonalDataTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private MembershipService _service = null!;
    private EventCollector<MemberErased> _erased = null!;
    private EventCollector<SubscriptionEnded> _ended = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _erased = await EventCollector<MemberErased>.StartAsync(infrastructure.MessagingConnectionString);
        _ended = await EventCollector<SubscriptionEnded>.StartAsync(infrastructure.MessagingConnectionString);
        _service = await MembershipService.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("La Serre, Albi");
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _erased.DisposeAsync();
        await _ended.DisposeAsync();
    }

    private async Task<(Guid Member, Guid Subscription, string Email)> SubscribedMemberAsync()
    {
        var email = $"sacha.{Guid.NewGuid():N}@example.org";
        var member = await PostAsync("/api/membership/members", new JsonObject
        {
            ["firstName"] = "Sacha",
            ["lastName"] = "Roux",
            ["email"] = email,
            ["phone"] = "06 00 00 00 00",
            ["placeIds"] = new JsonArray(_place.ToString()),
            ["funderProfile"] = new JsonObject { ["consent"] = true, ["birthYear"] = 1988, ["disabilityRecognised"] = true },
        });
        var plan = await PostAsync("/api/membership/plans", new JsonObject
        {
            ["placeId"] = _place.ToString(), ["name"] = "Pass journée", ["kind"] = "day-pass", ["priceCents"] = 1500, ["validityDays"] = 1,
        });
        var subscription = await PostAsync("/api/membership/subscriptions", new JsonObject { ["memberId"] = member.ToString(), ["planId"] = plan.ToString() });
        return (member, subscription, email);
    }

    private async Task<Guid> PostAsync(string path, JsonObject body)
    {
        var response = await _service.Client.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_downloads_everything_membership_holds_about_them()
    {
        var (member, subscription, email) = await SubscribedMemberAsync();

        var response = await _service.Client.GetAsync($"/api/membership/members/{member}/personal-data", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal(email, export["member"]!["email"]!.GetValue<string>());
        Assert.Equal(1988, export["member"]!["funderProfile"]!["birthYear"]!.GetValue<int>());
        Assert.Equal("La Serre, Albi", export["places"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(subscription.ToString(), export["subscriptions"]![0]!["subscription"]!["id"]!.GetValue<string>());
        Assert.Equal("Pass journée", export["subscriptions"]![0]!["planName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Erasure_anonymises_the_member_ends_their_subscriptions_and_tells_every_service()
    {
        var (member, subscription, email) = await SubscribedMemberAsync();

        var erased = await _service.Client.DeleteAsync($"/api/membership/members/{member}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var read = JsonNode.Parse(await _service.Client.GetStringAsync($"/api/membership/members/{member}", Cancel))!;
        Assert.Equal("erased", read["status"]!.GetValue<string>());
        Assert.DoesNotContain("Sacha", read.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, read.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(read["phone"]);
        Assert.Null(read["funderProfile"]);
        await _erased.WaitForAsync(e => e.MemberId == member, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", (await _ended.WaitForAsync(e => e.SubscriptionId == subscription, TimeSpan.FromSeconds(30))).Message.Reason);

        // Idempotent, and final: no second event, no changes, and the person may register again with the same email.
        Assert.Equal(HttpStatusCode.NoContent, (await _service.Client.DeleteAsync($"/api/membership/members/{member}", Cancel)).StatusCode);
        await Problem.AssertAsync(await _service.Client.PutAsJsonAsync($"/api/membership/members/{member}", new { firstName = "Sacha", lastName = "Roux", email, placeIds = new[] { _place } }, Cancel), HttpStatusCode.Conflict);
        await PostAsync("/api/membership/members", new JsonObject { ["firstName"] = "Sacha", ["lastName"] = "Roux", ["email"] = email, ["placeIds"] = new JsonArray(_place.ToString()) });
        await Task.Delay(500, Cancel);
        Assert.Single(_erased.Received, e => e.Message.MemberId == member);
    }
}
