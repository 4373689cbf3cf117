using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Membership;
using TiersLieux.Testing;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>Members, organisations, plans and subscriptions on real PostgreSQL; their events on real RabbitMQ.</summary>
public sealed class MembershipApiTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private MembershipService _service = null!;
    private EventCollector<MemberRegistered> _registered = null!;
    private EventCollector<SubscriptionActivated> _activated = null!;
    private EventCollector<SubscriptionEnded> _ended = null!;
    private EventCollector<MemberSuspended> _suspended = null!;
    private EventCollector<MemberRolesChanged> _roles = null!;
    private Guid _place;

    private HttpClient Client => _service.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _registered = await EventCollector<MemberRegistered>.StartAsync(infrastructure.MessagingConnectionString);
        _activated = await EventCollector<SubscriptionActivated>.StartAsync(infrastructure.MessagingConnectionString);
        _ended = await EventCollector<SubscriptionEnded>.StartAsync(infrastructure.MessagingConnectionString);
        _suspended = await EventCollector<MemberSuspended>.StartAsync(infrastructure.MessagingConnectionString);
        _roles = await EventCollector<MemberRolesChanged>.StartAsync(infrastructure.MessagingConnectionString);
        _service = await MembershipService.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        foreach (var collector in new IAsyncDisposable[] { _registered, _activated, _ended, _suspended, _roles })
        {
            await collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task Giving_a_member_a_place_to_operate_publishes_MemberRolesChanged_with_the_account_s_version()
    {
        var id = (await CreateAsync("/api/membership/members", NewMember()))["id"]!.GetValue<Guid>();
        var granted = await Client.PutAsJsonAsync($"/api/membership/members/{id}/roles", new { placeOperator = true, operatedPlaceIds = new[] { _place }, networkAdmin = false }, Cancel);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var first = (await _roles.WaitForAsync(e => e.MemberId == id, EventTimeout)).Message;
        Assert.Equal(["member", "place-operator"], first.Roles);
        Assert.Equal([_place], first.OperatedPlaceIds);

        var withdrawn = await Client.PutAsJsonAsync($"/api/membership/members/{id}/roles", new { placeOperator = false, operatedPlaceIds = Array.Empty<Guid>(), networkAdmin = false }, Cancel);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var second = (await _roles.WaitForAsync(e => e.MemberId == id && e.OperatedPlaceIds.Count == 0, EventTimeout)).Message;
        Assert.True(second.Version > first.Version);
        Assert.Equal(["member"], second.Roles);
    }

    [Fact]
    public async Task Members_are_found_by_any_part_of_their_names_and_email_every_word_matching()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rose = NewMember($"rose.{tag}@example.org");
        rose["firstName"] = "Rosalie";
        rose["lastName"] = $"Vidal{tag}";
        var other = NewMember($"autre.{tag}@example.org");
        other["lastName"] = $"Vidal{tag}";
        var roseId = (await CreateAsync("/api/membership/members", rose))["id"]!.GetValue<Guid>();
        var otherId = (await CreateAsync("/api/membership/members", other))["id"]!.GetValue<Guid>();

        async Task<List<Guid>> FoundAsync(string search) =>
            [.. (await Client.GetFromJsonAsync<JsonObject>($"/api/membership/members?placeId={_place}&pageSize=100&search={Uri.EscapeDataString(search)}", Cancel))!["items"]!
                .AsArray().Select(m => m!["id"]!.GetValue<Guid>())];

        Assert.Equal(new[] { otherId, roseId }.Order(), (await FoundAsync($"vidal{tag}")).Order());
        Assert.Equal([roseId], await FoundAsync($"ROSA vidal{tag}"));
        Assert.Equal([otherId], await FoundAsync($"autre.{tag}"));
        Assert.Empty(await FoundAsync($"{tag}%_"));
    }

    private JsonObject NewMember(string? email = null) => new()
    {
        ["firstName"] = "Camille",
        ["lastName"] = "Durand",
        ["email"] = email ?? $"camille.{Guid.NewGuid():N}@example.org",
        ["phone"] = "+33 4 68 00 00 00",
        ["placeIds"] = new JsonArray(_place.ToString()),
    };

    private async Task<JsonNode> CreateAsync(string path, JsonObject body)
    {
        var response = await Client.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<Guid> MemberAsync() => Guid.Parse((await CreateAsync("/api/membership/members", NewMember()))["id"]!.GetValue<string>());

    private async Task<Guid> MonthlyPlanAsync() => Guid.Parse((await CreateAsync("/api/membership/plans", new JsonObject
    {
        ["placeId"] = _place.ToString(),
        ["name"] = "Coworking au mois",
        ["kind"] = "monthly-coworking",
        ["priceCents"] = 15000,
        ["validityDays"] = 30,
        ["includedHours"] = new JsonObject { ["desk"] = 160 },
    }))["id"]!.GetValue<string>());

    private async Task<JsonNode> SubscribeAsync(Guid member, Guid plan) =>
        await CreateAsync("/api/membership/subscriptions", new JsonObject { ["memberId"] = member.ToString(), ["planId"] = plan.ToString() });

    [Fact]
    public async Task Registering_a_member_stores_them_and_publishes_MemberRegistered()
    {
        var created = await CreateAsync("/api/membership/members", NewMember());
        var id = Guid.Parse(created["id"]!.GetValue<string>());

        var read = JsonNode.Parse(await Client.GetStringAsync($"/api/membership/members/{id}", Cancel))!;
        Assert.Equal("Camille", read["firstName"]!.GetValue<string>());
        Assert.Equal("active", read["status"]!.GetValue<string>());
        var received = await _registered.WaitForAsync(e => e.MemberId == id, EventTimeout);
        Assert.Equal("Camille Durand", received.Message.DisplayName);
        Assert.Equal([_place], received.Message.PlaceIds);
    }

    [Fact]
    public async Task The_same_email_is_one_member_across_the_network_whatever_its_case()
    {
        var email = $"dominique.{Guid.NewGuid():N}@example.org";
        await CreateAsync("/api/membership/members", NewMember(email));

        var response = await Client.PostAsJsonAsync("/api/membership/members", NewMember(email.ToUpperInvariant()), Cancel);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Funder_reporting_data_are_kept_only_with_explicit_consent()
    {
        var withoutConsent = NewMember();
        withoutConsent["funderProfile"] = new JsonObject { ["gender"] = "woman", ["birthYear"] = 1990 };
        var refused = await Client.PostAsJsonAsync("/api/membership/members", withoutConsent, Cancel);
        var problem = await Problem.AssertAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("funderProfile.consent"));

        var withConsent = NewMember();
        withConsent["funderProfile"] = new JsonObject { ["consent"] = true, ["gender"] = "woman", ["employmentStatus"] = "job-seeker", ["priorityNeighbourhoodResident"] = true };
        var created = await CreateAsync("/api/membership/members", withConsent);
        Assert.Equal("job-seeker", created["funderProfile"]!["employmentStatus"]!.GetValue<string>());
        Assert.Equal(_service.Clock.GetUtcNow(), created["funderProfile"]!["consentGivenAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Unknown_places_organisations_and_bad_fields_are_answered_422_naming_each()
    {
        var body = NewMember("not-an-email");
        body["placeIds"] = new JsonArray(Guid.NewGuid().ToString());
        body["organisationId"] = Guid.NewGuid().ToString();
        body["funderProfile"] = new JsonObject { ["consent"] = true, ["birthYear"] = 1850 };

        var problem = await Problem.AssertAsync(await Client.PostAsJsonAsync("/api/membership/members", body, Cancel), HttpStatusCode.UnprocessableEntity);

        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "email", "placeIds", "organisationId", "funderProfile.birthYear" })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task Organisations_are_checked_by_their_SIRET_key_and_a_SIRET_is_one_organisation()
    {
        var bad = await Client.PostAsJsonAsync("/api/membership/organisations", new { name = "Coopérative", kind = "association", siret = "48202213900019" }, Cancel);
        await Problem.AssertAsync(bad, HttpStatusCode.UnprocessableEntity);

        var siret = "80245012000018";
        var first = await Client.PostAsJsonAsync("/api/membership/organisations", new { name = "Atelier", kind = "company", siret = "802 450 120 00018" }, Cancel);
        var second = await Client.PostAsJsonAsync("/api/membership/organisations", new { name = "Atelier bis", kind = "company", siret }, Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(siret, JsonNode.Parse(await first.Content.ReadAsStringAsync(Cancel))!["siret"]!.GetValue<string>());
        await Problem.AssertAsync(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Subscribing_publishes_SubscriptionActivated_and_the_same_plan_twice_at_once_is_refused_409()
    {
        var member = await MemberAsync();
        var plan = await MonthlyPlanAsync();

        var subscription = await SubscribeAsync(member, plan);
        var id = Guid.Parse(subscription["id"]!.GetValue<string>());
        Assert.Equal(_service.Clock.GetUtcNow().AddDays(30), subscription["endsAt"]!.GetValue<DateTimeOffset>());
        var activated = await _activated.WaitForAsync(e => e.SubscriptionId == id, EventTimeout);
        Assert.Equal("monthly-coworking", activated.Message.PlanKind);
        Assert.Equal([_place], activated.Message.ValidAtPlaceIds);
        Assert.Equal(160, activated.Message.IncludedHours["desk"]);

        var again = await Client.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan }, Cancel);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Every_place_s_plans_are_listed_in_one_read_without_the_network_s_and_each_place_s_alone_as_before()
    {
        var other = await _service.KnownPlaceAsync("Fablab de Castres");
        var here = await MonthlyPlanAsync();
        var there = Guid.Parse((await CreateAsync("/api/membership/plans", new JsonObject
        {
            ["placeId"] = other.ToString(),
            ["name"] = "Carnet de 10 heures",
            ["kind"] = "hour-pack",
            ["priceCents"] = 8000,
            ["validityDays"] = 180,
            ["includedHours"] = new JsonObject { ["machine"] = 10 },
        }))["id"]!.GetValue<string>());
        var network = Guid.Parse((await CreateAsync("/api/membership/plans", new JsonObject
        {
            ["name"] = "Pass réseau",
            ["kind"] = "network-pass",
            ["priceCents"] = 9000,
            ["validityDays"] = 30,
        }))["id"]!.GetValue<string>());

        async Task<List<(Guid Id, Guid? PlaceId)>> ListAsync(string query) =>
            [.. (await Client.GetFromJsonAsync<JsonArray>($"/api/membership/plans{query}", Cancel))!
                .Select(p => (p!["id"]!.GetValue<Guid>(), p["placeId"]?.GetValue<Guid>()))];

        var every = await ListAsync("?everyPlace=true");
        Assert.Contains((here, _place), every);
        Assert.Contains((there, other), every);
        Assert.DoesNotContain(every, p => p.PlaceId is null);
        Assert.Equal([.. every.Where(p => p.PlaceId == _place)], await ListAsync($"?placeId={_place}"));
        Assert.Contains(network, (await ListAsync("")).Select(p => p.Id));

        using var both = await Client.GetAsync($"/api/membership/plans?everyPlace=true&placeId={_place}", Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
        Assert.Equal("application/problem+json", both.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_network_pass_is_valid_at_every_place_that_accepts_it()
    {
        var other = await _service.KnownPlaceAsync("Fablab de Castres");
        var pass = Guid.Parse((await CreateAsync("/api/membership/plans", new JsonObject
        {
            ["name"] = "Pass réseau",
            ["kind"] = "network-pass",
            ["priceCents"] = 9000,
            ["validityDays"] = 30,
        }))["id"]!.GetValue<string>());

        var id = Guid.Parse((await SubscribeAsync(await MemberAsync(), pass))["id"]!.GetValue<string>());

        var activated = await _activated.WaitForAsync(e => e.SubscriptionId == id, EventTimeout);
        Assert.Null(activated.Message.PlaceId);
        Assert.Contains(_place, activated.Message.ValidAtPlaceIds);
        Assert.Contains(other, activated.Message.ValidAtPlaceIds);
    }

    [Fact]
    public async Task Cancelling_ends_a_subscription_once_and_renewing_adds_a_period()
    {
        var member = await MemberAsync();
        var plan = await MonthlyPlanAsync();
        var id = Guid.Parse((await SubscribeAsync(member, plan))["id"]!.GetValue<string>());

        var renewed = JsonNode.Parse(await (await Client.PostAsync($"/api/membership/subscriptions/{id}/renewal", null, Cancel)).Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal(_service.Clock.GetUtcNow().AddDays(60), renewed["endsAt"]!.GetValue<DateTimeOffset>());
        var cancelled = await Client.PostAsync($"/api/membership/subscriptions/{id}/cancellation", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await Problem.AssertAsync(await Client.PostAsync($"/api/membership/subscriptions/{id}/cancellation", null, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await Client.PostAsync($"/api/membership/subscriptions/{id}/renewal", null, Cancel), HttpStatusCode.Conflict);

        var ended = await _ended.WaitForAsync(e => e.SubscriptionId == id, EventTimeout);
        Assert.Equal("cancelled", ended.Message.Reason);
    }

    [Fact]
    public async Task Suspending_a_member_suspends_their_subscriptions_and_reinstating_gives_them_back()
    {
        var member = await MemberAsync();
        var plan = await MonthlyPlanAsync();
        var subscription = Guid.Parse((await SubscribeAsync(member, plan))["id"]!.GetValue<string>());

        var suspended = await Client.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = "Unpaid invoices" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal("Unpaid invoices", (await _suspended.WaitForAsync(e => e.MemberId == member, EventTimeout)).Message.Reason);
        Assert.Equal("suspended", await StatusAsync(subscription));
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan }, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await Client.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = "Twice" }, Cancel), HttpStatusCode.Conflict);

        var reinstated = await Client.DeleteAsync($"/api/membership/members/{member}/suspension", Cancel);

        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
        Assert.Equal("active", await StatusAsync(subscription));
        await TestWait.UntilAsync(() => _activated.Received.Count(e => e.Message.SubscriptionId == subscription) == 2, EventTimeout);
    }

    [Fact]
    public async Task Racing_suspensions_of_one_member_succeed_once_and_the_rest_are_409_never_500()
    {
        var member = await MemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Client.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = $"Reason {i}" }, Cancel)));

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.OK), answer => Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode));
        await _suspended.WaitForAsync(e => e.MemberId == member, EventTimeout);
        await Task.Delay(500, Cancel);
        Assert.Single(_suspended.Received, e => e.Message.MemberId == member);
    }

    [Fact]
    public async Task Subscriptions_expire_on_time_without_any_request()
    {
        var member = await MemberAsync();
        var id = Guid.Parse((await SubscribeAsync(member, await MonthlyPlanAsync()))["id"]!.GetValue<string>());

        _service.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(2));
        await Task.Delay(500, Cancel);
        Assert.Equal("active", await StatusAsync(id));

        _service.Clock.Advance(TimeSpan.FromMinutes(3));

        await TestWait.UntilAsync(async () => await StatusAsync(id) == "expired", EventTimeout);
        var ended = await _ended.WaitForAsync(e => e.SubscriptionId == id, EventTimeout);
        Assert.Equal("expired", ended.Message.Reason);
    }

    [Theory]
    [InlineData("/api/membership/members/{0}")]
    [InlineData("/api/membership/members/{0}/subscriptions")]
    [InlineData("/api/membership/plans/{0}")]
    [InlineData("/api/membership/organisations/{0}")]
    [InlineData("/api/membership/subscriptions/{0}")]
    public async Task An_unknown_id_is_answered_404_problem(string path)
    {
        var response = await Client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()), Cancel);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_and_bad_paging_are_answered_400_and_422()
    {
        using var content = new StringContent("{\"firstName\": ", Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await Client.PostAsync("/api/membership/members", content, Cancel), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await Client.GetAsync("/api/membership/members?pageSize=1000", Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = Guid.NewGuid() }, Cancel), HttpStatusCode.UnprocessableEntity);
    }

    private async Task<string> StatusAsync(Guid subscription) =>
        JsonNode.Parse(await Client.GetStringAsync($"/api/membership/subscriptions/{subscription}", Cancel))!["status"]!.GetValue<string>();
}
