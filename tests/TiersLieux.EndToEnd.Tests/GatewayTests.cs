using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Directory;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>The whole AppHost topology, from the outside: through the gateway, as an operator's frontend uses it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_place_created_through_the_gateway_reads_back_and_its_event_crosses_RabbitMQ()
    {
        await using var registered = await EventCollector<PlaceRegistered>.StartAsync(await platform.AppHost.MessagingConnectionStringAsync());
        var place = SamplePlaces.Narbonne("Fablab du Grand Narbonne", "fablab");

        var created = await platform.Admin.PostAsJsonAsync("/api/directory/places", place, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The service sits behind the gateway: the link it writes must point at the gateway, not at itself.
        Assert.Equal(platform.Gateway.BaseAddress!.Authority, created.Headers.Location!.Authority);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var id = Guid.Parse(body["id"]!.GetValue<string>());

        var read = JsonNode.Parse(await platform.Gateway.GetStringAsync(created.Headers.Location, TestContext.Current.CancellationToken))!;
        Assert.Equal("Fablab du Grand Narbonne", read["name"]!.GetValue<string>());
        Assert.Equal("fablab", read["typology"]!.GetValue<string>());

        var received = await registered.WaitForAsync(e => e.PlaceId == id, TimeSpan.FromSeconds(30));
        Assert.Equal("Narbonne", received.Message.Commune);
    }

    [Fact]
    public async Task A_place_registered_in_the_directory_becomes_known_to_membership_through_its_event()
    {
        var created = await platform.Admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("Tiers-lieu de Limoux"), TestContext.Current.CancellationToken);
        var placeId = JsonNode.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["id"]!.GetValue<string>();
        var member = new { firstName = "Lou", lastName = "Martin", email = $"lou.{Guid.NewGuid():N}@example.org", placeIds = new[] { placeId } };

        // Membership refuses unknown places (422) until PlaceRegistered has reached it through the outbox and RabbitMQ.
        HttpResponseMessage? registered = null;
        await TestWait.UntilAsync(async () =>
        {
            registered = await platform.Admin.PostAsJsonAsync("/api/membership/members", member, TestContext.Current.CancellationToken);
            return registered.StatusCode != HttpStatusCode.UnprocessableEntity;
        }, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Created, registered!.StatusCode);
    }

    [Fact]
    public async Task The_OpenID_Connect_discovery_document_is_served_through_the_gateway_with_the_gateway_as_issuer()
    {
        var discovery = JsonNode.Parse(await platform.Gateway.GetStringAsync("/.well-known/openid-configuration", TestContext.Current.CancellationToken))!;

        Assert.Equal(platform.Gateway.BaseAddress!.ToString(), discovery["issuer"]!.GetValue<string>());
        Assert.StartsWith(platform.Gateway.BaseAddress.ToString(), discovery["token_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        var keys = JsonNode.Parse(await platform.Gateway.GetStringAsync(discovery["jwks_uri"]!.GetValue<string>(), TestContext.Current.CancellationToken))!;
        Assert.NotEmpty(keys["keys"]!.AsArray());
    }

    [Fact]
    public async Task The_demo_network_console_gets_a_token_through_the_gateway_with_the_secret_the_AppHost_generated()
    {
        var secret = (await File.ReadAllTextAsync(Path.Combine(platform.AppHost.StateDirectory, "parameters", "network-console-secret"), TestContext.Current.CancellationToken)).Trim();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "network-console",
            ["client_secret"] = secret,
            ["scope"] = "tierslieux-api",
        });

        var response = await platform.Gateway.PostAsync("/connect/token", form, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["access_token"]?.GetValue<string>()));
        Assert.Contains("network-console-secret", platform.AppHost.LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_is_answered_with_the_service_problem_json()
    {
        var response = await platform.Admin.PostAsJsonAsync("/api/directory/places", new { name = "Incomplete" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_gateway_health_names_each_downstream_replica()
    {
        var health = JsonNode.Parse(await platform.Gateway.GetStringAsync("/health", TestContext.Current.CancellationToken))!;

        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
        Assert.Equal("Healthy", health["checks"]!["downstream"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_route_no_service_serves_is_answered_404_problem_json()
    {
        using var response = await platform.Gateway.GetAsync("/api/nowhere/things", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Trace_context_sent_to_the_gateway_continues_in_the_service()
    {
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/directory/places/{Guid.NewGuid()}");
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await platform.Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        // The service's problem+json carries the trace id it saw: the caller's, through the proxy.
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(traceId, problem["traceId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_machine_safety_training_grants_the_qualification_in_equipment_and_the_machine_becomes_bookable()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await platform.Admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne("Fablab de Port-la-Nouvelle", "fablab"), cancel);
        var place = JsonNode.Parse(await created.Content.ReadAsStringAsync(cancel))!["id"]!.GetValue<Guid>();
        var code = $"laser-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await platform.Admin.PostAsJsonAsync("/api/equipment/qualification-types", new { code, name = "Découpe laser" }, cancel)).StatusCode);
        // Training and equipment learn the place from PlaceRegistered; the course waits until training knows it.
        HttpResponseMessage? course = null;
        await TestWait.UntilAsync(async () =>
        {
            course = await platform.Admin.PostAsJsonAsync("/api/training/courses", new { title = "Sécurité découpe laser", placeId = place, kind = "machine-safety", durationHours = 1, qualificationCodes = new[] { code } }, cancel);
            return course.StatusCode != HttpStatusCode.UnprocessableEntity;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, course!.StatusCode);
        var courseId = JsonNode.Parse(await course.Content.ReadAsStringAsync(cancel))!["id"]!.GetValue<Guid>();

        // A member of the fablab with a plan that includes machine hours (membership), and a laser that requires the
        // qualification (equipment), which booking learns of from their events.
        var member = (await Eventually(() => platform.Admin.PostAsJsonAsync("/api/membership/members",
            new { firstName = "Camille", lastName = "Durand", email = $"camille.{Guid.NewGuid():N}@example.org", placeIds = new[] { place } }, cancel)))["id"]!.GetValue<Guid>();
        var plan = (await Eventually(() => platform.Admin.PostAsJsonAsync("/api/membership/plans",
            new { placeId = place, name = "Adhésion fablab", kind = "annual-fablab", priceCents = 6000, validityDays = 365, includedHours = new Dictionary<string, int> { ["machine"] = 20 } }, cancel)))["id"]!.GetValue<Guid>();
        await Eventually(() => platform.Admin.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan }, cancel));
        var machine = (await Eventually(() => platform.Admin.PostAsJsonAsync("/api/equipment/machines",
            new { placeId = place, name = "Laser Trotec", category = "laser-cutter", requiredQualification = code, hourlyCostCents = 1000 }, cancel)))["id"]!.GetValue<Guid>();
        JsonNode? resource = null;
        await TestWait.UntilAsync(async () =>
        {
            resource = (await platform.Admin.GetFromJsonAsync<JsonArray>($"/api/booking/resources?placeId={place}&kind=machine", cancel))!.FirstOrDefault();
            return resource is not null;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(machine, resource!["machineId"]!.GetValue<Guid>());
        var tomorrow = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        var booking = new { resourceId = resource["id"]!.GetValue<Guid>(), memberId = member, startsAt = tomorrow, endsAt = tomorrow.AddHours(1) };
        // Once booking has the subscription, the only rule left refusing is the qualification.
        string? rule = null;
        await TestWait.UntilAsync(async () =>
        {
            using var refused = await platform.Admin.PostAsJsonAsync("/api/booking/bookings", booking, cancel);
            rule = JsonNode.Parse(await refused.Content.ReadAsStringAsync(cancel))!["rule"]?.GetValue<string>();
            return rule != "no-subscription";
        }, TimeSpan.FromSeconds(30));
        Assert.Equal("not-qualified", rule);

        // A two-second slot starting in ten seconds, created once everything else is ready, enrol, attend and complete on
        // the real clock of the real processes. Enrolment closes when the slot starts: on a machine so busy that the
        // enrolment came too late (409), the next session starts ten seconds after it.
        var starts = DateTimeOffset.MinValue;
        Guid sessionId = default, enrolmentId = default;
        await TestWait.UntilAsync(async () =>
        {
            starts = DateTimeOffset.UtcNow.AddSeconds(10);
            using var session = await platform.Admin.PostAsJsonAsync("/api/training/sessions", new
            {
                courseId, placeId = place, capacity = 5, minimum = 1, slots = new[] { new { startsAt = starts, endsAt = starts.AddSeconds(2) } },
            }, cancel);
            Assert.Equal(HttpStatusCode.Created, session.StatusCode);
            sessionId = JsonNode.Parse(await session.Content.ReadAsStringAsync(cancel))!["id"]!.GetValue<Guid>();
            using var enrolment = await platform.Admin.PostAsJsonAsync($"/api/training/sessions/{sessionId}/enrolments", new { memberId = member }, cancel);
            if (enrolment.StatusCode == HttpStatusCode.Conflict) return false;
            Assert.Equal(HttpStatusCode.Created, enrolment.StatusCode);
            enrolmentId = JsonNode.Parse(await enrolment.Content.ReadAsStringAsync(cancel))!["id"]!.GetValue<Guid>();
            return true;
        }, TimeSpan.FromMinutes(2));
        await Task.Delay(Until(starts.AddMilliseconds(200)), cancel);
        Assert.Equal(HttpStatusCode.OK, (await platform.Admin.PutAsJsonAsync($"/api/training/sessions/{sessionId}/slots/0/attendance",
            new { entries = new[] { new { enrolmentId, status = "present" } } }, cancel)).StatusCode);
        await Task.Delay(Until(starts.AddSeconds(2).AddMilliseconds(200)), cancel);
        Assert.Equal(HttpStatusCode.OK, (await platform.Admin.PostAsJsonAsync($"/api/training/sessions/{sessionId}/completion", new { }, cancel)).StatusCode);

        JsonArray? held = null;
        await TestWait.UntilAsync(async () =>
        {
            held = await platform.Admin.GetFromJsonAsync<JsonArray>($"/api/equipment/qualifications?memberId={member}", cancel);
            return held!.Count > 0;
        }, TimeSpan.FromSeconds(30));
        var qualification = Assert.Single(held!)!;
        Assert.Equal(code, qualification["code"]!.GetValue<string>());
        Assert.Equal("training", qualification["source"]!.GetValue<string>());
        Assert.Equal(place, qualification["grantedAtPlaceId"]!.GetValue<Guid>());
        // QualificationGranted reaches booking: the laser is booked.
        await Eventually(() => platform.Admin.PostAsJsonAsync("/api/booking/bookings", booking, cancel));
    }

    /// <summary>Sends until created (201): the services learn of one another's objects through events, a moment later.</summary>
    private static Task<JsonNode> Eventually(Func<Task<HttpResponseMessage>> send) => Security.SecurityWorld.CreatedEventuallyAsync(send);

    private static TimeSpan Until(DateTimeOffset moment) => moment > DateTimeOffset.UtcNow ? moment - DateTimeOffset.UtcNow : TimeSpan.Zero;
}
