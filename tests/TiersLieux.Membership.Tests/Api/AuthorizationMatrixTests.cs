using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// Who may do what to whom, for every membership endpoint, with real tokens: the network team, the operators of two
/// places (A and B), two members (one at each place) and an anonymous caller. Place scoping: what a caller may not
/// see is a 404, what they see but may not change a 403, no token a 401. Refused writes change nothing.
/// </summary>
public sealed class AuthorizationMatrixTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private const string Admin = "network team";
    private const string OperatorA = "operator of A";
    private const string OperatorB = "operator of B";
    private const string MemberA = "member at A (the subject)";
    private const string MemberB = "member at B";

    private readonly Dictionary<string, HttpClient> _callers = [];
    private MembershipService _service = null!;
    private Guid _placeA;
    private Guid _placeB;
    private Guid _memberA;
    private Guid _memberB;
    private Guid _planA;
    private Guid _planB;
    private Guid _subscriptionA;
    private Guid _organisation;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await MembershipService.StartAsync(infrastructure);
        _placeA = await _service.KnownPlaceAsync("IN'ESS (A)");
        _placeB = await _service.KnownPlaceAsync("Fablab de Castres (B)");
        _organisation = await CreateAsync("/api/membership/organisations", new { name = "Coop du Grand Narbonne", kind = "association" });
        var (memberA, memberAClient) = await _service.SignedInMemberAsync(_placeA);
        var (memberB, memberBClient) = await _service.SignedInMemberAsync(_placeB);
        (_memberA, _memberB) = (memberA, memberB);
        _callers[Anonymous] = _service.Anonymous;
        _callers[Admin] = _service.Client;
        _callers[OperatorA] = (await _service.SignedInOperatorAsync(_placeA)).Client;
        _callers[OperatorB] = (await _service.SignedInOperatorAsync(_placeB)).Client;
        _callers[MemberA] = memberAClient;
        _callers[MemberB] = memberBClient;
        _planA = await CreateAsync("/api/membership/plans", Plan(_placeA));
        _planB = await CreateAsync("/api/membership/plans", Plan(_placeB));
        _subscriptionA = await CreateAsync("/api/membership/subscriptions", new { memberId = _memberA, planId = _planA });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, client) in _callers.Where(pair => pair.Key is not (Anonymous or Admin)))
        {
            client.Dispose();
        }

        await _service.DisposeAsync();
    }

    private static object Plan(Guid? place, string kind = "day-pass") =>
        new { placeId = place, name = $"Plan {Guid.NewGuid():N}"[..13], kind, priceCents = 1500, validityDays = 1 };

    private async Task<Guid> CreateAsync(string path, object body)
    {
        var response = await _service.Client.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
    }

    /// <summary>Calls each (caller, request) and collects every answer that differs from the expected one.</summary>
    private async Task<List<string>> CheckAsync(string method, string path, object? body, params (string Caller, HttpStatusCode Expected)[] expectations)
    {
        var failures = new List<string>();
        foreach (var (caller, expected) in expectations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await _callers[caller].SendAsync(request, Cancel);
            if (response.StatusCode != expected)
            {
                failures.Add($"{method} {path} as {caller}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
            }
            else if ((int)expected >= 400)
            {
                await Problem.AssertAsync(response, expected);
            }
        }

        return failures;
    }

    [Fact]
    public async Task Reading_members_follows_place_scoping()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden, notFound = HttpStatusCode.NotFound;
        List<string> failures =
        [
            .. await CheckAsync("GET", "/api/membership/members", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (OperatorB, ok), (MemberA, forbidden), (MemberB, forbidden)),
            .. await CheckAsync("GET", $"/api/membership/members?placeId={_placeB}", null, (OperatorA, forbidden), (OperatorB, ok)),
            .. await CheckAsync("GET", $"/api/membership/members/{_memberA}", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (OperatorB, notFound), (MemberA, ok), (MemberB, notFound)),
            .. await CheckAsync("GET", $"/api/membership/members/{_memberA}/subscriptions", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (OperatorB, notFound), (MemberA, ok), (MemberB, notFound)),
            .. await CheckAsync("GET", $"/api/membership/members/{_memberA}/account", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (OperatorB, notFound), (MemberA, ok), (MemberB, notFound)),
            .. await CheckAsync("GET", $"/api/membership/members/{_memberA}/personal-data", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, forbidden), (OperatorB, notFound), (MemberA, ok), (MemberB, notFound)),
        ];

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_operator_lists_only_the_members_of_their_places()
    {
        var listed = await _callers[OperatorA].GetFromJsonAsync<JsonObject>("/api/membership/members?pageSize=100", Cancel);

        var ids = listed!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()).ToList();
        Assert.Contains(_memberA, ids);
        Assert.DoesNotContain(_memberB, ids);
    }

    [Fact]
    public async Task Changing_members_follows_place_scoping_and_refused_changes_write_nothing()
    {
        const HttpStatusCode unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden, notFound = HttpStatusCode.NotFound;
        var renamed = new { firstName = "Pris", lastName = "par un autre", email = $"other-{Guid.NewGuid():N}@example.org", placeIds = new[] { _placeA } };
        var atB = new { firstName = "Nouveau", lastName = "à B", email = $"new-{Guid.NewGuid():N}@example.org", placeIds = new[] { _placeB } };
        List<string> failures =
        [
            .. await CheckAsync("POST", "/api/membership/members", atB, (Anonymous, unauthorized), (OperatorA, forbidden), (MemberA, forbidden)),
            .. await CheckAsync("PUT", $"/api/membership/members/{_memberA}", renamed, (Anonymous, unauthorized), (OperatorB, notFound), (MemberB, notFound)),
            .. await CheckAsync("POST", $"/api/membership/members/{_memberA}/suspension", new { reason = "Essai" },
                (Anonymous, unauthorized), (OperatorB, notFound), (MemberA, forbidden), (MemberB, forbidden)),
            .. await CheckAsync("DELETE", $"/api/membership/members/{_memberA}/suspension", null, (OperatorB, notFound), (MemberA, forbidden)),
            .. await CheckAsync("PUT", $"/api/membership/members/{_memberA}/roles", new { placeOperator = true, operatedPlaceIds = new[] { _placeA }, networkAdmin = true },
                (Anonymous, unauthorized), (OperatorA, forbidden), (OperatorB, forbidden), (MemberA, forbidden)),
            .. await CheckAsync("PUT", $"/api/membership/members/{_memberA}/password", new { newPassword = "taken over by someone" },
                (Anonymous, unauthorized), (OperatorA, forbidden), (OperatorB, notFound), (MemberB, notFound)),
            .. await CheckAsync("DELETE", $"/api/membership/members/{_memberA}/lockout", null, (Anonymous, unauthorized), (OperatorB, notFound), (MemberA, forbidden)),
            .. await CheckAsync("DELETE", $"/api/membership/members/{_memberA}", null, (Anonymous, unauthorized), (OperatorA, forbidden), (OperatorB, notFound), (MemberB, notFound)),
        ];

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var member = await _service.Client.GetFromJsonAsync<JsonObject>($"/api/membership/members/{_memberA}", Cancel);
        Assert.Equal("active", member!["status"]!.GetValue<string>());
        Assert.NotEqual("Pris", member["firstName"]!.GetValue<string>());
        var account = await _service.Client.GetFromJsonAsync<JsonObject>($"/api/membership/members/{_memberA}/account", Cancel);
        Assert.Equal(["member"], account!["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
        await _service.SignInAsync(member["email"]!.GetValue<string>(), "correct horse battery");
    }

    [Fact]
    public async Task Operators_register_suspend_and_attach_members_at_their_own_places_only()
    {
        var atA = new { firstName = "Inès", lastName = "Garcia", email = $"ines-{Guid.NewGuid():N}@example.org", placeIds = new[] { _placeA } };
        var registered = await _callers[OperatorA].PostAsJsonAsync("/api/membership/members", atA, Cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<Guid>();

        var alsoAtB = new { atA.firstName, atA.lastName, atA.email, placeIds = new[] { _placeA, _placeB } };
        await Problem.AssertAsync(await _callers[OperatorA].PutAsJsonAsync($"/api/membership/members/{id}", alsoAtB, Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await _callers[OperatorA].PostAsJsonAsync($"/api/membership/members/{id}/suspension", new { reason = "Impayé" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _callers[OperatorA].DeleteAsync($"/api/membership/members/{id}/suspension", Cancel)).StatusCode);
        // A first password at the desk; once set, only the member or the network team changes it.
        Assert.Equal(HttpStatusCode.NoContent, (await _callers[OperatorA].PutAsJsonAsync($"/api/membership/members/{id}/password", new { newPassword = "set at the desk" }, Cancel)).StatusCode);
        await Problem.AssertAsync(await _callers[OperatorA].PutAsJsonAsync($"/api/membership/members/{id}/password", new { newPassword = "set again later" }, Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Plans_are_public_to_read_and_each_operator_sells_their_own()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden;
        List<string> failures =
        [
            .. await CheckAsync("GET", $"/api/membership/plans?placeId={_placeA}", null, (Anonymous, ok), (MemberB, ok)),
            .. await CheckAsync("GET", $"/api/membership/plans/{_planA}", null, (Anonymous, ok), (OperatorB, ok)),
            .. await CheckAsync("POST", "/api/membership/plans", Plan(_placeA),
                (Anonymous, unauthorized), (MemberA, forbidden), (OperatorB, forbidden), (OperatorA, created), (Admin, created)),
            .. await CheckAsync("POST", "/api/membership/plans", Plan(null, "network-pass"), (OperatorA, forbidden), (Admin, created)),
        ];

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Subscriptions_are_managed_by_their_member_their_plans_operator_or_the_network_team()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden, notFound = HttpStatusCode.NotFound;
        List<string> failures =
        [
            .. await CheckAsync("GET", $"/api/membership/subscriptions/{_subscriptionA}", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (OperatorB, notFound), (MemberA, ok), (MemberB, notFound)),
            .. await CheckAsync("POST", $"/api/membership/subscriptions/{_subscriptionA}/renewal", null, (Anonymous, unauthorized), (OperatorB, notFound), (MemberB, notFound)),
            .. await CheckAsync("POST", $"/api/membership/subscriptions/{_subscriptionA}/cancellation", null, (Anonymous, unauthorized), (OperatorB, notFound), (MemberB, notFound)),
            .. await CheckAsync("POST", "/api/membership/subscriptions", new { memberId = _memberB, planId = _planA },
                (Anonymous, unauthorized), (MemberA, forbidden), (OperatorB, forbidden)),
            .. await CheckAsync("POST", "/api/membership/subscriptions", new { memberId = _memberA, planId = _planB }, (OperatorA, forbidden)),
        ];

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var subscription = await _service.Client.GetFromJsonAsync<JsonObject>($"/api/membership/subscriptions/{_subscriptionA}", Cancel);
        Assert.Equal("active", subscription!["status"]!.GetValue<string>());
        Assert.Equal(0, subscription["renewals"]!.GetValue<int>());

        // The member buys a day at place B for themselves; B's operator then sees and cancels it.
        var bought = await _callers[MemberA].PostAsJsonAsync("/api/membership/subscriptions", new { memberId = _memberA, planId = _planB }, Cancel);
        Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        var boughtId = (await bought.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await _callers[OperatorB].PostAsync($"/api/membership/subscriptions/{boughtId}/cancellation", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Organisations_are_read_by_operators_and_their_own_members_only()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden, notFound = HttpStatusCode.NotFound;
        List<string> failures =
        [
            .. await CheckAsync("GET", $"/api/membership/organisations/{_organisation}", null,
                (Anonymous, unauthorized), (Admin, ok), (OperatorA, ok), (MemberA, notFound)),
            .. await CheckAsync("POST", "/api/membership/organisations", new { name = "SCOP Les Ateliers", kind = "company" },
                (Anonymous, unauthorized), (MemberA, forbidden), (OperatorA, created)),
        ];

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Bad_roles_and_passwords_are_answered_422_and_change_nothing()
    {
        var unknownPlace = Guid.CreateVersion7();
        var roles = _service.Client;

        var operatorOfNothing = await roles.PutAsJsonAsync($"/api/membership/members/{_memberB}/roles", new { placeOperator = true, operatedPlaceIds = Array.Empty<Guid>(), networkAdmin = false }, Cancel);
        var unknown = await roles.PutAsJsonAsync($"/api/membership/members/{_memberB}/roles", new { placeOperator = true, operatedPlaceIds = new[] { unknownPlace }, networkAdmin = false }, Cancel);
        var missing = await roles.PutAsJsonAsync($"/api/membership/members/{_memberB}/roles", new { }, Cancel);
        var malformed = await roles.PutAsync($"/api/membership/members/{_memberB}/roles", new StringContent("{\"placeOperator\": \"yes\"", System.Text.Encoding.UTF8, "application/json"), Cancel);
        var weak = await roles.PutAsJsonAsync($"/api/membership/members/{_memberB}/password", new { newPassword = "1234" }, Cancel);
        var unknownMember = await roles.PutAsJsonAsync($"/api/membership/members/{Guid.CreateVersion7()}/roles", new { placeOperator = false, networkAdmin = false }, Cancel);

        Assert.NotNull((await Problem.AssertAsync(operatorOfNothing, HttpStatusCode.UnprocessableEntity))["errors"]!["operatedPlaceIds"]);
        Assert.Contains(unknownPlace.ToString(), (await Problem.AssertAsync(unknown, HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var errors = (await Problem.AssertAsync(missing, HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("placeOperator") && errors.ContainsKey("networkAdmin"));
        await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest);
        Assert.NotNull((await Problem.AssertAsync(weak, HttpStatusCode.UnprocessableEntity))["errors"]!["newPassword"]);
        await Problem.AssertAsync(unknownMember, HttpStatusCode.NotFound);
        var account = await _service.Client.GetFromJsonAsync<JsonObject>($"/api/membership/members/{_memberB}/account", Cancel);
        Assert.Equal(["member"], account!["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
        await _service.SignInAsync((await _service.Client.GetFromJsonAsync<JsonObject>($"/api/membership/members/{_memberB}", Cancel))!["email"]!.GetValue<string>(), "correct horse battery");
    }

    [Fact]
    public async Task A_place_opts_out_of_the_network_pass_by_its_operator_and_new_passes_are_valid_elsewhere_only()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden;
        List<string> failures =
        [
            .. await CheckAsync("PUT", $"/api/membership/places/{_placeB}/network-pass", new { accepts = false },
                (Anonymous, unauthorized), (MemberB, forbidden), (OperatorA, forbidden), (OperatorB, ok)),
            .. await CheckAsync("GET", "/api/membership/places", null, (Anonymous, ok)),
        ];
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var places = await _service.Anonymous.GetFromJsonAsync<JsonArray>("/api/membership/places", Cancel);
        Assert.False(places!.Single(p => p!["id"]!.GetValue<Guid>() == _placeB)!["acceptsNetworkPass"]!.GetValue<bool>());
        var pass = await CreateAsync("/api/membership/plans", Plan(null, "network-pass"));
        await using var activated = await EventCollector<TiersLieux.Contracts.Membership.SubscriptionActivated>.StartAsync(infrastructure.MessagingConnectionString);
        var subscription = await CreateAsync("/api/membership/subscriptions", new { memberId = _memberA, planId = pass });
        var received = await activated.WaitForAsync(e => e.SubscriptionId == subscription, TimeSpan.FromSeconds(30));
        Assert.Contains(_placeA, received.Message.ValidAtPlaceIds);
        Assert.DoesNotContain(_placeB, received.Message.ValidAtPlaceIds);
        await Problem.AssertAsync(await _service.Client.PutAsJsonAsync($"/api/membership/places/{Guid.NewGuid()}/network-pass", new { accepts = true }, Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _service.Client.PutAsJsonAsync($"/api/membership/places/{_placeA}/network-pass", new { }, Cancel), HttpStatusCode.UnprocessableEntity);
    }
}
