using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>The public search on a real PostgreSQL: French full text, filters, distance, opening hours, labels.</summary>
public sealed class PlaceSearchTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private ServiceFactory<Program> _service = null!;
    private HttpClient _admin = null!;
    private HttpClient _public = null!;
    private readonly Dictionary<string, Guid> _ids = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var tokens = await TestTokenIssuer.SharedAsync();
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = await infrastructure.CreateDatabaseAsync("search"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
        });
        _admin = _service.CreateClient().WithBearer(tokens.NetworkAdmin());
        _public = _service.CreateClient();

        await RegisterAsync("Le Café des Possibles", "hybrid", "Narbonne", "11100", "11", 43.184, 3.004,
            "Un café associatif avec des ateliers de réparation et un espace de coworking.", ["open-space", "catering"], "Mo-Fr 09:00-18:00");
        await RegisterAsync("Fablab de Castres", "fablab", "Castres", "81100", "81", 43.606, 2.241,
            "Imprimantes 3D, découpe laser et fabrication numérique.", ["fablab-machines", "training"], "Tu-Sa 10:00-19:00");
        await RegisterAsync("Espace numérique de Foix", "digital-mediation", "Foix", "09000", "09", 42.965, 1.607,
            "Accompagnement aux démarches en ligne.", ["public-digital-access", "digital-support"], "Mo,We 14:00-17:00");
        await RegisterAsync("Coworking de Montpellier", "coworking", "Montpellier", "34000", "34", 43.611, 3.877,
            "Bureaux partagés au centre-ville.", ["open-space", "meeting-rooms", "private-offices"], null);
        var closed = await RegisterAsync("Ancien atelier fermé", "fablab", "Narbonne", "11100", "11", 43.19, 3.01,
            "Un atelier de réparation.", ["fablab-machines"], null);
        var change = Body("Ancien atelier fermé", "fablab", "Narbonne", "11100", "11", 43.19, 3.01, "Un atelier de réparation.", ["fablab-machines"], null);
        change["status"] = "closed";
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/directory/places/{closed}", change, Cancel)).StatusCode);

        // The regional label, as a campaign decision records it.
        await using var scope = _service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var fablab = await db.Places.SingleAsync(p => p.Id == _ids["Fablab de Castres"], Cancel);
        fablab.GrantLabel(2, new DateOnly(2029, 6, 30), DateTimeOffset.UtcNow);
        var expired = await db.Places.SingleAsync(p => p.Id == _ids["Coworking de Montpellier"], Cancel);
        expired.GrantLabel(1, new DateOnly(2024, 6, 30), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _public.Dispose();
        await _service.DisposeAsync();
    }

    private static JsonObject Body(string name, string typology, string commune, string postcode, string department, double latitude, double longitude,
        string description, string[] services, string? hours)
    {
        var body = SamplePlaces.Narbonne(name, typology);
        body["commune"] = commune;
        body["postcode"] = postcode;
        body["department"] = department;
        body["latitude"] = latitude;
        body["longitude"] = longitude;
        body["description"] = description;
        body["services"] = new JsonArray([.. services.Select(service => JsonValue.Create(service))]);
        body["openingHours"] = hours;
        return body;
    }

    private async Task<Guid> RegisterAsync(string name, string typology, string commune, string postcode, string department, double latitude, double longitude,
        string description, string[] services, string? hours)
    {
        var response = await _admin.PostAsJsonAsync("/api/directory/places",
            Body(name, typology, commune, postcode, department, latitude, longitude, description, services, hours), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return _ids[name] = JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
    }

    private async Task<(List<string> Names, JsonObject Page)> SearchAsync(string query)
    {
        var response = await _public.GetAsync($"/api/directory/places/search?{query}", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var page = JsonNode.Parse(text)!.AsObject();
        return ([.. page["items"]!.AsArray().Select(item => item!["name"]!.GetValue<string>())], page);
    }

    [Theory]
    [InlineData("q=cafe", "Le Café des Possibles")]
    [InlineData("q=CAFÉ", "Le Café des Possibles")]
    [InlineData("q=ateliers%20reparation", "Le Café des Possibles")]
    [InlineData("q=fabriquer", "Fablab de Castres")]
    [InlineData("q=demarche", "Espace numérique de Foix")]
    [InlineData("q=castres", "Fablab de Castres")]
    public async Task French_full_text_folds_accents_and_stems_words(string query, string expected)
    {
        var (names, _) = await SearchAsync(query);

        Assert.Equal([expected], names);
    }

    [Fact]
    public async Task Closed_places_are_not_found_by_the_public()
    {
        var (names, page) = await SearchAsync("q=atelier");

        Assert.DoesNotContain("Ancien atelier fermé", names);
        Assert.Equal(4, (await SearchAsync("pageSize=100")).Page["totalCount"]!.GetValue<int>());
        Assert.Equal(names.Count, page["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Filters_combine_typology_services_department_and_label()
    {
        Assert.Equal(["Coworking de Montpellier", "Le Café des Possibles"], (await SearchAsync("services=open-space")).Names);
        Assert.Equal(["Coworking de Montpellier"], (await SearchAsync("services=open-space,meeting-rooms")).Names);
        Assert.Equal(["Le Café des Possibles"], (await SearchAsync("department=11")).Names);
        Assert.Equal(["Fablab de Castres"], (await SearchAsync("typology=fablab")).Names);
        // Montpellier's label expired in 2024: it is no longer labelled.
        Assert.Equal(["Fablab de Castres"], (await SearchAsync("label=labelled")).Names);
        Assert.Equal(3, (await SearchAsync("label=not-labelled")).Names.Count);
        var (_, labelled) = await SearchAsync("label=labelled");
        var hit = labelled["items"]![0]!;
        Assert.True(hit["labelled"]!.GetValue<bool>());
        Assert.Equal(2, hit["label"]!["edition"]!.GetValue<int>());
    }

    [Fact]
    public async Task Near_a_point_places_come_nearest_first_with_their_distance_and_a_radius_cuts_them()
    {
        // From Narbonne's town hall.
        var (names, page) = await SearchAsync("near=43.184,3.004");
        var (within100Km, _) = await SearchAsync("near=43.184,3.004&radiusKm=100");

        Assert.Equal(["Le Café des Possibles", "Fablab de Castres", "Coworking de Montpellier", "Espace numérique de Foix"], names);
        var distances = page["items"]!.AsArray().Select(item => item!["distanceKm"]!.GetValue<double>()).ToList();
        Assert.Equal(0, distances[0], 1);
        // As the crow flies from Narbonne: Castres 77.5 km, Montpellier 85.0 km, Foix 116.1 km.
        Assert.Equal([77.48, 85.03, 116.05], distances[1..]);
        Assert.Equal(["Le Café des Possibles", "Fablab de Castres", "Coworking de Montpellier"], within100Km);
    }

    [Fact]
    public async Task Open_at_a_given_local_time_follows_each_places_opening_hours()
    {
        // Monday 23 November 2026, 15:00, then Saturday 28 at 11:00 (local time).
        Assert.Equal(["Espace numérique de Foix", "Le Café des Possibles"], (await SearchAsync("openAt=2026-11-23T15:00:00")).Names);
        Assert.Equal(["Fablab de Castres"], (await SearchAsync("openAt=2026-11-28T11:00:00")).Names);
        Assert.Empty((await SearchAsync("openAt=2026-11-29T11:00:00")).Names);
    }

    [Theory]
    [InlineData("24/7", true)]
    [InlineData("Mo-Su off", false)]
    [InlineData(null, null)]
    public async Task A_place_says_whether_it_is_open_now_apart_from_its_details(string? hours, bool? open)
    {
        var id = await RegisterAsync($"Lieu {Guid.NewGuid():N}"[..20], "coworking", "Narbonne", "11100", "11", 43.18, 3.0, "Un lieu.", [], hours);

        var answer = await _public.GetFromJsonAsync<JsonObject>($"/api/directory/places/{id}/open-now", Cancel);

        Assert.Equal(open, answer!["openNow"]?.GetValue<bool>());
        Assert.Equal(hours, answer["openingHours"]?.GetValue<string>());
        await Problem.AssertAsync(await _public.GetAsync($"/api/directory/places/{Guid.NewGuid()}/open-now", Cancel), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Results_are_paged_with_the_total()
    {
        var (first, page) = await SearchAsync("pageSize=3&page=1");
        var (second, _) = await SearchAsync("pageSize=3&page=2");
        var (beyond, after) = await SearchAsync("pageSize=3&page=5");

        Assert.Equal(3, first.Count);
        Assert.Single(second);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(4, page["totalCount"]!.GetValue<int>());
        Assert.Empty(beyond);
        Assert.Equal(4, after["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("services=open-space")]
    [InlineData("near=43.184,3.004&radiusKm=100")]
    [InlineData("q=fabrication")]
    public async Task Markers_are_every_place_the_search_finds_with_its_position_in_one_read(string query)
    {
        var (names, page) = await SearchAsync($"pageSize=100&{query}");

        var response = await _public.GetAsync($"/api/directory/places/markers?{query}", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var markers = JsonNode.Parse(text)!["markers"]!.AsArray();

        Assert.NotEmpty(names);
        Assert.Equal(names, markers.Select(marker => marker!["name"]!.GetValue<string>()));
        Assert.Equal(page["totalCount"]!.GetValue<int>(), JsonNode.Parse(text)!["total"]!.GetValue<int>());
        var castres = markers.SingleOrDefault(marker => marker!["id"]!.GetValue<Guid>() == _ids["Fablab de Castres"]);
        if (castres is not null)
        {
            Assert.Equal(43.606, castres["latitude"]!.GetValue<double>());
            Assert.Equal(2.241, castres["longitude"]!.GetValue<double>());
            Assert.Equal("fablab", castres["typology"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("typology=bakery", "typology")]
    [InlineData("near=91,3", "near")]
    [InlineData("radiusKm=10", "radiusKm")]
    public async Task Bad_marker_filters_are_answered_422_as_the_search_answers_them(string query, string field)
    {
        var problem = await Problem.AssertAsync(await _public.GetAsync($"/api/directory/places/markers?{query}", Cancel), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("typology=bakery", "typology")]
    [InlineData("services=jacuzzi", "services")]
    [InlineData("department=75", "department")]
    [InlineData("label=maybe", "label")]
    [InlineData("near=43.1", "near")]
    [InlineData("near=91,3", "near")]
    [InlineData("radiusKm=10", "radiusKm")]
    [InlineData("near=43.1,3&radiusKm=-1", "radiusKm")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=2147483647", "page")]
    [InlineData("openNow=true&openAt=2026-11-23T10:00:00", "openAt")]
    public async Task Bad_search_parameters_are_answered_422_naming_the_parameter(string query, string field)
    {
        var response = await _public.GetAsync($"/api/directory/places/search?{query}", Cancel);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("q=%27%3B%20DROP%20TABLE%20directory.%22Places%22%3B--")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("q=%22unbalanced%20%26%20%7C%20!")]
    [InlineData("q=%F0%9F%98%80%E2%80%8B")]
    public async Task Metacharacters_in_the_search_text_are_only_text(string query)
    {
        var (names, _) = await SearchAsync(query);

        Assert.Empty(names);
        Assert.Equal(4, (await SearchAsync("pageSize=100")).Names.Count);
    }

    [Fact]
    public async Task A_bad_type_in_the_query_is_answered_400()
    {
        await Problem.AssertAsync(await _public.GetAsync("/api/directory/places/search?openNow=perhaps", Cancel), HttpStatusCode.BadRequest);
    }
}
