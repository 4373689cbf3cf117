using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>
/// The OWASP API Security Top 10 (2023) through the gateway against the running system, route by route from
/// <see cref="RouteCatalogue"/>, which must name every operation the services publish.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class OwaspApiTests(SecurityFixture system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly HttpStatusCode[] Hidden = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    [Fact]
    public void Every_published_route_is_in_the_catalogue_and_every_catalogued_route_is_published()
    {
        var published = system.Surface.Select(operation => operation.Key).ToHashSet();
        var catalogued = RouteCatalogue.All.Select(route => route.Key).ToList();

        var uncovered = published.Except(catalogued).Order().ToList();
        var gone = catalogued.Except(published).Order().ToList();
        Assert.True(uncovered.Count == 0, "Routes the OWASP suite does not cover yet (add each to RouteCatalogue with its access and scope):\n" + string.Join('\n', uncovered));
        Assert.True(gone.Count == 0, "Catalogued routes no service publishes any more:\n" + string.Join('\n', gone));
        Assert.Equal(catalogued.Count, catalogued.Distinct().Count());

        var listing = new StringBuilder($"# Routes covered by the OWASP suite ({catalogued.Count})\n\n| route | access | ids | why shared |\n|---|---|---|---|\n");
        foreach (var route in RouteCatalogue.All.OrderBy(route => route.Key, StringComparer.Ordinal))
        {
            listing.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{route.Key}` | {route.Access} | {route.Scope} | {route.Why} |\n");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(listing.ToString());
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        File.WriteAllText(Path.Combine(artefacts.FullName, "owasp-route-coverage.md"), listing.ToString());
    }

    [Fact]
    public void The_catalogue_says_public_exactly_where_the_published_document_asks_for_no_token()
    {
        var secured = system.Surface.ToDictionary(operation => operation.Key, operation => operation.Secured);
        var wrong = RouteCatalogue.All.Where(route => secured.TryGetValue(route.Key, out var isSecured) && isSecured == (route.Access == Access.Public))
            .Select(route => $"{route.Key}: catalogue {route.Access}, document {(secured[route.Key] ? "needs a token" : "public")}").ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>API1: another place's or member's objects, asked for by IN'ESS's operator and by Léa: 403 or 404, never the object.</summary>
    [Fact]
    public async Task API1_object_level_authorization_every_id_of_another_place_or_member_is_refused()
    {
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in RouteCatalogue.All.Where(route => route.Scope is Scope.Place or Scope.Member))
        {
            checkedRoutes++;
            foreach (var (caller, client) in new[] { ("IN'ESS operator", system.Operator), ("member Léa", system.Member) })
            {
                using var response = await client.SendAsync(route.Request(system.World.B), Cancel);
                if (!await IsRefusedAsync(route, response))
                {
                    failures.Add($"{route.Key} as {caller} with side B's ids: {(int)response.StatusCode} {await Text(response)}");
                }
            }

            // Control: the ids are real (the network team reads them), so the refusals above are about the caller.
            if (route.Method == "GET")
            {
                using var control = await system.Admin.SendAsync(route.Request(system.World.B), Cancel);
                if (!control.IsSuccessStatusCode)
                {
                    failures.Add($"control: {route.Key} as the network team: {(int)control.StatusCode} {await Text(control)}");
                }
            }
        }

        foreach (var route in RouteCatalogue.All.Where(route => route.Scope == Scope.SharedWithOperators))
        {
            using var response = await system.Member.SendAsync(route.Request(system.World.B), Cancel);
            if (!await IsRefusedAsync(route, response))
            {
                failures.Add($"{route.Key} as member Léa with side B's ids: {(int)response.StatusCode} {await Text(response)}");
            }
        }

        foreach (var route in RouteCatalogue.All.Where(route => route.Scope is Scope.Shared or Scope.SharedWithOperators && route.Method == "GET"))
        {
            // Shared on purpose: the declaration is checked too, so "shared" cannot hide a refusal nobody looked at.
            var client = route.Access == Access.Public ? system.Gateway
                : route.Access == Access.Operator || route.Scope == Scope.SharedWithOperators ? system.Operator : system.Member;
            using var response = await client.SendAsync(route.Request(system.World.B), Cancel);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{route.Key} is declared shared ({route.Why}) but answered {(int)response.StatusCode} {await Text(response)}");
            }
        }

        Assert.True(checkedRoutes > 50, $"only {checkedRoutes} routes with ids");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>API2: every route that needs a token refuses none, and each kind of broken token, with 401 problem+json.</summary>
    [Fact]
    public async Task API2_broken_authentication_no_token_and_every_broken_token_get_401()
    {
        // Control: a token the forge signs with membership's key and nothing wrong in it is accepted.
        using (var control = new HttpRequestMessage(HttpMethod.Get, "/api/directory/indicators"))
        {
            control.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system.Tokens.Resigned());
            using var accepted = await system.Gateway.SendAsync(control, Cancel);
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, $"the forge's control token was refused: {(int)accepted.StatusCode} {await Text(accepted)}");
        }

        var broken = system.Tokens.Broken();
        var failures = new List<string>();
        foreach (var route in RouteCatalogue.All.Where(route => route.Access != Access.Public))
        {
            foreach (var (defect, token) in broken.Prepend(new KeyValuePair<string, string>("no token", "")))
            {
                using var request = route.Request(system.World.A);
                if (token.Length > 0)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await system.Gateway.SendAsync(request, Cancel);
                if (response.StatusCode != HttpStatusCode.Unauthorized || !IsProblem(response))
                {
                    failures.Add($"{route.Key} with {defect}: {(int)response.StatusCode} {await Text(response)}");
                }
            }
        }

        // A broken token is refused even where no token is needed: it is never silently treated as anonymous.
        foreach (var route in RouteCatalogue.All.Where(route => route.Access == Access.Public && route.Method == "GET"))
        {
            using var request = route.Request(system.World.A);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", broken["expired"]);
            using var response = await system.Gateway.SendAsync(request, Cancel);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route.Key} (public) with an expired token: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>API3: fields a caller may not set (roles, another place, another member, status, ids) are ignored or refused.</summary>
    [Fact]
    public async Task API3_property_level_authorization_mass_assigned_roles_places_and_states_are_ignored_or_refused()
    {
        var world = system.World;
        // An operator registering a member cannot make them an operator or the network team, nor choose their id.
        var chosenId = Guid.NewGuid();
        var registered = await system.Operator.PostAsJsonAsync("/api/membership/members", new
        {
            id = chosenId, firstName = "Max", lastName = "Malin", email = $"max.{Guid.NewGuid():N}@example.org", placeIds = new[] { world.A.Place },
            roles = new[] { "network-admin", "place-operator" }, networkAdmin = true, placeOperator = true, operatedPlaceIds = new[] { world.B.Place }, status = "active",
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var max = (await registered.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!.GetValue<Guid>();
        Assert.NotEqual(chosenId, max);
        var account = await system.Admin.GetFromJsonAsync<JsonObject>($"/api/membership/members/{max}/account", Cancel);
        Assert.DoesNotContain("network-admin", account!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(world.B.Place.ToString(), account.ToJsonString(), StringComparison.Ordinal);

        // Léa changing her own details cannot attach herself to a place she is not a member of.
        var lea = await system.Member.GetFromJsonAsync<JsonObject>($"/api/membership/members/{world.A.Member}", Cancel);
        using var moved = await system.Member.PutAsJsonAsync($"/api/membership/members/{world.A.Member}", new
        {
            firstName = lea!["firstName"]!.GetValue<string>(), lastName = lea["lastName"]!.GetValue<string>(), email = lea["email"]!.GetValue<string>(),
            placeIds = new[] { world.A.Place, world.B.Place }, roles = new[] { "network-admin" },
        }, Cancel);
        var after = await system.Admin.GetFromJsonAsync<JsonObject>($"/api/membership/members/{world.A.Member}", Cancel);
        Assert.DoesNotContain(world.B.Place.ToString(), after!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(moved.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity, $"{(int)moved.StatusCode} {await Text(moved)}");

        // Léa booking for herself cannot set the booking's state or price, nor book in Karim's or side B's member's name.
        var starts = SecurityWorld.NextWeekday(50, 9);

        var booked = await system.Member.PostAsJsonAsync("/api/booking/bookings", new
        {
            resourceId = world.A.Resource, startsAt = starts, endsAt = starts.AddHours(1), status = "completed", priceCents = 0, noShow = true, id = Guid.NewGuid(),
        }, Cancel);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await Text(booked));
        var booking = (await booked.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal("confirmed", booking["status"]!.GetValue<string>());
        Assert.Equal(world.A.Member, booking["memberId"]!.GetValue<Guid>());
        var forSomeoneElse = await system.Member.PostAsJsonAsync("/api/booking/bookings",
            new { resourceId = world.A.Resource, memberId = world.B.Member, startsAt = starts.AddHours(2), endsAt = starts.AddHours(3) }, Cancel);
        Assert.Contains(forSomeoneElse.StatusCode, Hidden);

        // An operator's plan is for their place: a placeId of another place is refused, not quietly accepted.
        var foreignPlan = await system.Operator.PostAsJsonAsync("/api/membership/plans",
            new { placeId = world.B.Place, name = "Pas chez moi", kind = "day-pass", priceCents = 1, validityDays = 1, includedHours = new Dictionary<string, int>() }, Cancel);
        Assert.Contains(foreignPlan.StatusCode, Hidden);
    }

    /// <summary>API4: oversized bodies 413, huge page sizes capped, floods of sign-ins and bookings 429 with Retry-After.</summary>
    [Fact]
    public async Task API4_unrestricted_resource_consumption_bodies_pages_and_floods_are_bounded()
    {
        var huge = new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        using var oversized = await system.Admin.PostAsync("/api/directory/places", huge, Cancel);
        await Problem.AssertAsync(oversized, HttpStatusCode.RequestEntityTooLarge);

        var paged = system.Surface.Where(operation => operation.Method == "GET" && operation.Query.ContainsKey("pageSize")).ToList();
        Assert.NotEmpty(paged);
        foreach (var operation in paged)
        {
            using var response = await system.Admin.GetAsync($"{operation.Template}?pageSize=1000000", Cancel);
            var body = await Text(response);
            if (response.IsSuccessStatusCode)
            {
                var page = JsonNode.Parse(body)!;
                Assert.True(page["pageSize"]!.GetValue<int>() <= 100, $"{operation.Key}: pageSize {page["pageSize"]}");
                Assert.True(page["items"]!.AsArray().Count <= 100, $"{operation.Key}: {page["items"]!.AsArray().Count} items");
            }
            else
            {
                Assert.True((int)response.StatusCode is >= 400 and < 500 && IsProblem(response), $"{operation.Key}: {(int)response.StatusCode} {body}");
            }
        }

        // Awaited inside: returning the task from a lambda that disposes the form let the form be disposed while
        // its body was still being written (seen: ObjectDisposedException, once in a few runs).
        await AssertFloodLimitedAsync("sign-in", async () =>
        {
            using var guess = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "network-console", ["client_secret"] = "guess-" + Guid.NewGuid(),
            });
            return await system.Gateway.PostAsync("/connect/token", guess, Cancel);
        });
        // Slot hoarding: the same member creating bookings as fast as possible (refused ones count too).
        await AssertFloodLimitedAsync("booking creation", () => system.Flooder.PostAsJsonAsync("/api/booking/bookings", new { resourceId = Guid.NewGuid() }, Cancel));
    }

    /// <summary>API5: Léa calling every operator and network-team route of her own place, and the operator every network-team route: 403.</summary>
    [Fact]
    public async Task API5_function_level_authorization_members_and_operators_cannot_call_what_is_above_them()
    {
        var failures = new List<string>();
        foreach (var route in RouteCatalogue.All.Where(route => route.Access is Access.Operator or Access.Admin))
        {
            var callers = route.Access == Access.Admin
                ? new[] { ("member Léa", system.Member), ("IN'ESS operator", system.Operator) }
                : [("member Léa", system.Member)];
            foreach (var (caller, client) in callers)
            {
                using var response = await client.SendAsync(route.Request(system.World.A), Cancel);
                if (response.StatusCode != HttpStatusCode.Forbidden || !IsProblem(response))
                {
                    failures.Add($"{route.Key} as {caller} on IN'ESS: {(int)response.StatusCode} {await Text(response)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static async Task AssertFloodLimitedAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            using var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(IsProblem(response), $"{what}: 429 without problem+json");
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: 429 without Retry-After");
                return;
            }

            Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} on attempt {attempt}");
        }

        Assert.Fail($"{what}: 200 requests in a row were never limited");
    }

    /// <summary>403 or 404 problem+json; for a list asked for by another place's or member's id, an empty list too.</summary>
    private static async Task<bool> IsRefusedAsync(RouteCase route, HttpResponseMessage response)
    {
        if (Hidden.Contains(response.StatusCode))
        {
            return IsProblem(response);
        }

        if (route.Method != "GET" || response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return body is JsonArray { Count: 0 } || body?["items"] is JsonArray { Count: 0 };
    }

    internal static bool IsProblem(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    internal static async Task<string> Text(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
