using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Directory;
using TiersLieux.Directory.Api.Apis;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.Security;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>The places API on a real PostgreSQL database, its events on a real RabbitMQ.</summary>
public sealed class PlacesApiTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = CreateJson();
    private ServiceFactory<Program> _service = null!;
    private EventCollector<PlaceRegistered> _registered = null!;
    private EventCollector<PlaceUpdated> _updated = null!;
    private HttpClient _client = null!;
    private TestTokenIssuer _tokens = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await infrastructure.CreateDatabaseAsync("directory");
        _registered = await EventCollector<PlaceRegistered>.StartAsync(infrastructure.MessagingConnectionString);
        _updated = await EventCollector<PlaceUpdated>.StartAsync(infrastructure.MessagingConnectionString);
        _tokens = await TestTokenIssuer.SharedAsync();
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(_tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = database,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
        });
        // The network team: it registers places (the authorization rules have their own tests below).
        _client = _service.CreateClient().WithBearer(_tokens.NetworkAdmin());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        await _registered.DisposeAsync();
        await _updated.DisposeAsync();
    }

    internal static JsonObject ValidPlace(string name = "IN'ESS") => SamplePlaces.Narbonne(name);

    [Fact]
    public async Task Registering_a_place_stores_it_and_publishes_PlaceRegistered_over_RabbitMQ()
    {
        var response = await _client.PostAsJsonAsync("/api/directory/places", ValidPlace(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<PlaceResponse>(Json, TestContext.Current.CancellationToken))!;
        Assert.Equal($"/api/directory/places/{created.Id}", response.Headers.Location!.AbsolutePath);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);

        var read = await _client.GetFromJsonAsync<PlaceResponse>($"/api/directory/places/{created.Id}", Json, TestContext.Current.CancellationToken);
        Assert.Equal("IN'ESS", read!.Name);
        Assert.Equal("11100", read.Postcode);

        var received = await _registered.WaitForAsync(e => e.PlaceId == created.Id, EventTimeout);
        Assert.Equal("hybrid", received.Message.Typology);
        Assert.Equal("Narbonne", received.Message.Commune);
        Assert.Equal(1, received.Message.Version);
        Assert.NotNull(received.MessageId);
    }

    [Fact]
    public async Task Updating_a_place_publishes_PlaceUpdated_with_the_next_version()
    {
        var created = await RegisterAsync("Fablab de Castres");
        var change = ValidPlace("Fablab de Castres");
        change["typology"] = "fablab";

        var response = await _client.PutAsJsonAsync($"/api/directory/places/{created.Id}", change, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await _updated.WaitForAsync(e => e.PlaceId == created.Id, EventTimeout);
        Assert.Equal(2, received.Message.Version);
        Assert.Equal("fablab", received.Message.Typology);
    }

    [Fact]
    public async Task Closing_a_place_is_traced_to_who_closed_it_and_an_ordinary_edit_is_not()
    {
        await using var audited = await EventCollector<TiersLieux.Contracts.Audit.SensitiveActionTaken>.StartAsync(infrastructure.MessagingConnectionString);
        var created = await RegisterAsync("Atelier du Lauragais");
        var edit = ValidPlace("Atelier du Lauragais");
        edit["typology"] = "fablab";
        var closing = ValidPlace("Atelier du Lauragais");
        closing["typology"] = "fablab";
        closing["status"] = "closed";

        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"/api/directory/places/{created.Id}", edit, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"/api/directory/places/{created.Id}", closing, TestContext.Current.CancellationToken)).StatusCode);

        var traced = (await audited.WaitForAsync(e => e.ObjectId == created.Id.ToString(), EventTimeout)).Message;
        Assert.Equal(("directory", "place-closed", "network-console", "network-admin", "place", "closed"),
            (traced.Service, traced.Action, traced.ActorSubject, traced.ActorRole, traced.ObjectType, traced.Outcome));
        Assert.Equal([created.Id], traced.PlaceIds);
        // One publisher's events arrive in order: an entry for the edit would have come first.
        Assert.Single(audited.Received, e => e.Message.ObjectId == created.Id.ToString());
    }

    [Fact]
    public async Task Missing_fields_are_answered_422_naming_each_field()
    {
        var response = await _client.PostAsJsonAsync("/api/directory/places", new { name = "Sans adresse" }, TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "typology", "address", "commune", "postcode", "department", "latitude", "longitude" })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {problem}");
        }
    }

    [Theory]
    [InlineData(91.0, 3.0)]
    [InlineData(48.85, 2.35)]
    public async Task Bad_coordinates_are_answered_422(double latitude, double longitude)
    {
        var body = ValidPlace();
        body["latitude"] = latitude;
        body["longitude"] = longitude;

        var response = await _client.PostAsJsonAsync("/api/directory/places", body, TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("latitude"));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": \"x\", \"latitude\": \"north\"}")]
    [InlineData("[1, 2]")]
    public async Task Malformed_json_is_answered_400_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/directory/places", content, TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_answered_404_problem_on_read_and_on_update()
    {
        var unknown = Guid.NewGuid();

        await Problem.AssertAsync(await _client.GetAsync($"/api/directory/places/{unknown}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.PutAsJsonAsync($"/api/directory/places/{unknown}", ValidPlace(), TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.GetAsync("/api/directory/places/not-a-guid", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_If_Match_is_answered_412_and_changes_nothing()
    {
        var created = await RegisterAsync("Tiers-lieu d'Albi");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/places/{created.Id}")
        {
            Content = JsonContent.Create(ValidPlace("Renamed")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.PreconditionFailed);
        var read = await _client.GetFromJsonAsync<PlaceResponse>($"/api/directory/places/{created.Id}", Json, TestContext.Current.CancellationToken);
        Assert.Equal("Tiers-lieu d'Albi", read!.Name);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Listing_is_paged_in_name_order_and_filtered_by_typology()
    {
        var prefix = $"List {Guid.NewGuid():N}"[..12];
        foreach (var name in new[] { "C", "A", "B" })
        {
            await RegisterAsync($"{prefix} {name}");
        }

        var page = await _client.GetFromJsonAsync<PagedResponse<PlaceResponse>>("/api/directory/places?pageSize=2&page=1&typology=hybrid", Json, TestContext.Current.CancellationToken);
        Assert.Equal(2, page!.Items.Count);
        Assert.True(page.TotalCount >= 3);
        Assert.True(string.CompareOrdinal(page.Items[0].Name, page.Items[1].Name) <= 0);

        var none = await _client.GetFromJsonAsync<PagedResponse<PlaceResponse>>("/api/directory/places?typology=fablab&department=09", Json, TestContext.Current.CancellationToken);
        Assert.Empty(none!.Items);
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("page=0")]
    [InlineData("typology=castle")]
    public async Task Bad_list_parameters_are_answered_422(string query)
    {
        var response = await _client.GetAsync($"/api/directory/places?{query}", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_non_numeric_page_is_answered_400_problem()
    {
        var response = await _client.GetAsync("/api/directory/places?page=two", TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_place_keeps_its_whole_profile_services_hours_accessibility_contacts_photos_operator_and_status()
    {
        var body = ValidPlace("IN'ESS, Grand Narbonne");
        body["description"] = "Coworking, fablab, espace de réunion et de restauration, centre de formation.";
        body["services"] = new JsonArray("open-space", "fablab-machines", "meeting-rooms", "catering", "training", "open-space");
        body["openingHours"] = "Mo-Fr 08:30-18:30; Sa 09:00-12:00";
        body["wheelchairAccessible"] = true;
        body["accessibilityNotes"] = "Ascenseur, place PMR devant l'entrée.";
        body["phone"] = "+33 4 68 00 00 00";
        body["photoUrls"] = new JsonArray("https://iness.example/photos/atelier.jpg");
        body["operatorName"] = "Le Grand Narbonne";

        var created = await _client.PostAsJsonAsync("/api/directory/places", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var place = JsonNode.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(["catering", "fablab-machines", "meeting-rooms", "open-space", "training"], place["services"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Mo-Fr 08:30-18:30; Sa 09:00-12:00", place["openingHours"]!.GetValue<string>());
        // The other services (booking) get the hours parsed, as minutes of the week: Monday to Friday then Saturday morning.
        var announced = await _registered.WaitForAsync(e => e.PlaceId == place["id"]!.GetValue<Guid>(), EventTimeout);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(day => new OpenSpan((day * 1440) + 510, (day * 1440) + 1110)), new OpenSpan((5 * 1440) + 540, (5 * 1440) + 720)],
            announced.Message.OpeningHours!);
        Assert.True(place["wheelchairAccessible"]!.GetValue<bool>());
        Assert.Equal("Le Grand Narbonne", place["operatorName"]!.GetValue<string>());
        Assert.Equal("active", place["status"]!.GetValue<string>());
        Assert.Null(place["label"]);
    }

    [Theory]
    [InlineData("openingHours", "\"Mo-Fr 9h-18h\"")]
    [InlineData("openingHours", "\"Lundi 09:00-18:00\"")]
    [InlineData("openingHours", "\"Mo 25:00-26:00\"")]
    [InlineData("services", "[\"jacuzzi\"]")]
    [InlineData("phone", "\"call me maybe\"")]
    [InlineData("photoUrls", "[\"ftp://iness.example/a.jpg\"]")]
    [InlineData("photoUrls", "[\"not a url\"]")]
    [InlineData("status", "\"sold\"")]
    public async Task A_bad_profile_field_is_answered_422_naming_it_and_nothing_is_written(string field, string json)
    {
        var name = $"Profil {Guid.NewGuid():N}"[..20];
        var body = ValidPlace(name);
        body[field] = JsonNode.Parse(json);

        var response = await _client.PostAsJsonAsync("/api/directory/places", body, TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
        var all = await _client.GetFromJsonAsync<PagedResponse<PlaceResponse>>("/api/directory/places?pageSize=100", Json, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(all!.Items, place => place.Name == name);
    }

    [Fact]
    public async Task Reading_places_needs_no_sign_in_but_registering_one_does()
    {
        var created = await RegisterAsync("Tiers-lieu public");
        using var anonymous = _service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/directory/places/{created.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/directory/places", TestContext.Current.CancellationToken)).StatusCode);
        var refused = await anonymous.PostAsJsonAsync("/api/directory/places", ValidPlace("Sans jeton"), TestContext.Current.CancellationToken);
        await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("signed by another key")]
    [InlineData("for another audience")]
    [InlineData("from another issuer")]
    [InlineData("not a JWT")]
    public async Task A_token_that_is_not_valid_gets_401_and_writes_nothing(string flaw)
    {
        var token = flaw switch
        {
            "expired" => _tokens.Token("network-console", [PlatformRoles.NetworkAdmin], lifetime: TimeSpan.FromMinutes(-5)),
            "signed by another key" => _tokens.Token("network-console", [PlatformRoles.NetworkAdmin], signedByAnotherKey: true),
            "for another audience" => _tokens.Token("network-console", [PlatformRoles.NetworkAdmin], audience: "someone-else"),
            "from another issuer" => _tokens.Token("network-console", [PlatformRoles.NetworkAdmin], issuer: "http://127.0.0.1:1/"),
            _ => "not-a-jwt",
        };
        using var client = _service.CreateClient().WithBearer(token);
        var name = $"Refusé {Guid.NewGuid():N}"[..20];

        await Problem.AssertAsync(await client.PostAsJsonAsync("/api/directory/places", ValidPlace(name), TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);

        var all = await _client.GetFromJsonAsync<PagedResponse<PlaceResponse>>("/api/directory/places?pageSize=100", Json, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(all!.Items, place => place.Name == name);
    }

    [Fact]
    public async Task An_operator_edits_their_own_place_but_gets_403_on_another_operators_place()
    {
        var own = await RegisterAsync("Fablab de Lézignan");
        var other = await RegisterAsync("Coworking de Carcassonne");
        using var operatorClient = _service.CreateClient().WithBearer(_tokens.PlaceOperator(own.Id));

        var mine = await operatorClient.PutAsJsonAsync($"/api/directory/places/{own.Id}", ValidPlace("Fablab de Lézignan-Corbières"), TestContext.Current.CancellationToken);
        var theirs = await operatorClient.PutAsJsonAsync($"/api/directory/places/{other.Id}", ValidPlace("Pris par un autre"), TestContext.Current.CancellationToken);
        var register = await operatorClient.PostAsJsonAsync("/api/directory/places", ValidPlace("Nouveau lieu"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        await Problem.AssertAsync(theirs, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(register, HttpStatusCode.Forbidden);
        var unchanged = await _client.GetFromJsonAsync<PlaceResponse>($"/api/directory/places/{other.Id}", Json, TestContext.Current.CancellationToken);
        Assert.Equal("Coworking de Carcassonne", unchanged!.Name);
    }

    [Fact]
    public async Task A_member_may_neither_register_nor_edit_a_place()
    {
        var place = await RegisterAsync("Médiathèque numérique de Foix");
        using var member = _service.CreateClient().WithBearer(_tokens.Member(Guid.NewGuid()));

        await Problem.AssertAsync(await member.PostAsJsonAsync("/api/directory/places", ValidPlace("Par un membre"), TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await member.PutAsJsonAsync($"/api/directory/places/{place.Id}", ValidPlace("Par un membre"), TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);

    }

    private async Task<PlaceResponse> RegisterAsync(string name)
    {
        var response = await _client.PostAsJsonAsync("/api/directory/places", ValidPlace(name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PlaceResponse>(Json, TestContext.Current.CancellationToken))!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Extensions.ConfigureJson(options);
        return options;
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_its_problem_answers_and_which_need_a_token()
    {
        using var anonymous = _service.CreateClient();

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("TiersLieux directory API", document["info"]!["title"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        var search = paths["/api/directory/places/search"]!["get"]!;
        Assert.False(string.IsNullOrWhiteSpace(search["summary"]?.GetValue<string>()));
        Assert.Null(search["security"]);
        Assert.NotNull(search["responses"]!["400"]!["content"]!["application/problem+json"]);
        var register = paths["/api/directory/places"]!["post"]!;
        Assert.NotNull(register["security"]);
        foreach (var status in new[] { "401", "403", "422", "429" })
        {
            Assert.NotNull(register["responses"]![status]);
        }

        Assert.NotNull(paths["/api/directory/places/{id}"]!["get"]!["responses"]!["404"]);
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["traceId"]);
        // Every route the service maps is in the document.
        var endpoints = _service.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => route.StartsWith("/api/", StringComparison.Ordinal))
            .Select(route => System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?]+)[^}]*\}", "{$1}").TrimEnd('/')).Distinct().ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, route => Assert.True(paths.ContainsKey(route), $"{route} is not in the OpenAPI document"));

        // Examples: a request body built from its schema (text typed as text despite the platform's text converter),
        // and a problem for each error answer.
        var body = register["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("Narbonne", body["example"]!["commune"]!.GetValue<string>());
        Assert.Equal(43.1843, body["example"]!["latitude"]!.GetValue<double>());
        Assert.Contains("string", document["components"]!["schemas"]!["PlaceRequest"]!["properties"]!["name"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(422, register["responses"]!["422"]!["content"]!["application/problem+json"]!["example"]!["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Fab\\u0000lab", "U+0000")]
    [InlineData("Fab\\u001blab", "U+001B")]
    public async Task Text_with_control_characters_is_refused_400_before_anything_is_stored(string name, string named)
    {
        var text = SamplePlaces.Narbonne("placeholder").ToJsonString().Replace("\"placeholder\"", $"\"{name}\"", StringComparison.Ordinal);

        using var response = await _client.PostAsync("/api/directory/places", new StringContent(text, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_longer_than_any_field_and_a_NUL_in_a_query_are_refused_400()
    {
        var place = SamplePlaces.Narbonne("Lieu");
        place["description"] = new string('x', ClientText.MaxLength + 1);

        await Problem.AssertAsync(await _client.PostAsJsonAsync("/api/directory/places", place, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        using var anonymous = _service.CreateClient();
        await Problem.AssertAsync(await anonymous.GetAsync("/api/directory/places/search?q=a%00b", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
    }
}
