using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>Open data on a real PostgreSQL: GeoJSON, CSV, and the national schema of digital-mediation places.</summary>
public sealed class OpenDataTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Header = "id,pivot,nom,commune,code_postal,adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,date_maj,services";

    private ServiceFactory<Program> _service = null!;
    private HttpClient _admin = null!;
    private HttpClient _public = null!;
    private TestTokenIssuer _tokens = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tokens = await TestTokenIssuer.SharedAsync();
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(_tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = await infrastructure.CreateDatabaseAsync("opendata"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
        });
        _admin = _service.CreateClient().WithBearer(_tokens.NetworkAdmin());
        _public = _service.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _public.Dispose();
        await _service.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv, HttpClient? client = null) =>
        await (client ?? _admin).PostAsync("/api/directory/open-data/mediation-numerique", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancel);

    private static async Task<JsonObject> ReportAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string Csv(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    private const string Foix = "\"mn-foix\",00000000000000,Espace numérique de Foix,Foix,09000,3 rue Delcassé,42.965,1.607,,05 61 00 00 00,contact@foix.example,https://foix.example,\"Mo-Fr 09:00-12:00,14:00-17:00\",Aide aux démarches en ligne,2026-10-01,Accès internet et matériel informatique|Aide aux démarches administratives";
    private const string Albi = "mn-albi,00000000000000,Point numérique d'Albi,Albi,81000,1 place du Vigan,43.928,2.146,,,,,Mo 10:00-12:00,,2026-10-01,Maîtrise des outils numériques du quotidien";

    [Fact]
    public async Task Importing_keeps_the_good_rows_reports_each_bad_one_with_its_reason_and_a_second_import_updates()
    {
        var csv = Csv(
            Foix,
            Albi,
            "mn-paris,00000000000000,Hors région,Paris,75001,1 rue de Rivoli,48.86,2.35,,,,,,,2026-10-01,",
            "mn-hours,00000000000000,Horaires fautifs,Albi,81000,2 rue X,43.92,2.14,,,,,Lundi 9h-12h,,2026-10-01,",
            "mn-nocoords,00000000000000,Sans coordonnées,Albi,81000,3 rue X,,,,,,,,,2026-10-01,",
            "mn-swapped,00000000000000,Inversé,Albi,81000,4 rue X,2.14,43.92,,,,,,,2026-10-01,",
            Albi.Replace("Point numérique d'Albi", "Doublon", StringComparison.Ordinal));

        var report = await ReportAsync(await ImportAsync(csv));

        Assert.Equal(2, report["created"]!.GetValue<int>());
        var rejected = report["rejected"]!.AsArray().Select(r => (Line: r!["line"]!.GetValue<int>(), Id: r["id"]!.GetValue<string>(), Reason: r["reason"]!.GetValue<string>())).ToList();
        Assert.Equal(["mn-paris", "mn-hours", "mn-nocoords", "mn-swapped", "mn-albi"], rejected.Select(r => r.Id));
        Assert.Equal([4, 5, 6, 7, 8], rejected.Select(r => r.Line));
        Assert.Contains("not in Occitanie", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("horaires", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("latitude", rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("outside Occitanie", rejected[3].Reason, StringComparison.Ordinal);
        Assert.Contains("earlier in the file", rejected[4].Reason, StringComparison.Ordinal);

        var again = await ReportAsync(await ImportAsync(Csv(Foix, Albi.Replace("Mo 10:00-12:00", "\"Mo,Th 10:00-12:00\"", StringComparison.Ordinal))));
        Assert.True(again["rejected"]!.AsArray().Count == 0, again.ToJsonString());
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(1, again["updated"]!.GetValue<int>());
        Assert.Equal(1, again["unchanged"]!.GetValue<int>());
        var places = await _public.GetFromJsonAsync<JsonObject>("/api/directory/places/search?typology=digital-mediation", Cancel);
        Assert.Equal(2, places!["totalCount"]!.GetValue<int>());
        var albi = places["items"]!.AsArray().Single(p => p!["commune"]!.GetValue<string>() == "Albi")!;
        Assert.Equal("Mo,Th 10:00-12:00", albi["openingHours"]!.GetValue<string>());
        Assert.Equal(["digital-support"], albi["services"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task The_export_in_the_national_schema_reads_back_with_its_field_names()
    {
        await ReportAsync(await ImportAsync(Csv(Foix)));

        var response = await _public.GetAsync("/api/directory/open-data/mediation-numerique.csv", Cancel);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync(Cancel)), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var foix = Assert.Single(rows);
        Assert.Equal("mn-foix", foix["id"]);
        Assert.Equal("Espace numérique de Foix", foix["nom"]);
        Assert.Equal("09000", foix["code_postal"]);
        Assert.Equal("42.965", foix["latitude"]);
        Assert.Equal("Mo-Fr 09:00-12:00,14:00-17:00", foix["horaires"]);
        Assert.Equal("Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique", foix["services"]);
        // Exported then imported again: the same place, not a second one.
        var report = await ReportAsync(await ImportAsync(await response.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(0, report["created"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_files_are_refused_whole_with_a_reason_and_only_the_network_team_imports()
    {
        var noHeader = await ImportAsync("");
        var wrongColumns = await ImportAsync("name,city\nFoix,Foix\n");
        var notCsv = await _admin.PostAsJsonAsync("/api/directory/open-data/mediation-numerique", new { nom = "Foix" }, Cancel);
        using var operatorClient = _service.CreateClient().WithBearer(_tokens.PlaceOperator(Guid.NewGuid()));
        using var anonymous = _service.CreateClient();

        Assert.Contains("empty", (await Problem.AssertAsync(noHeader, HttpStatusCode.UnprocessableEntity))["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("nom", (await Problem.AssertAsync(wrongColumns, HttpStatusCode.UnprocessableEntity))["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await Problem.AssertAsync(notCsv, HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await ImportAsync(Csv(Foix), operatorClient), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await ImportAsync(Csv(Foix), anonymous), HttpStatusCode.Unauthorized);
        var places = await _public.GetFromJsonAsync<JsonObject>("/api/directory/places/search", Cancel);
        Assert.Equal(0, places!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task GeoJSON_is_an_RFC_7946_feature_collection_with_longitude_first()
    {
        await ReportAsync(await ImportAsync(Csv(Foix, Albi)));

        var response = await _public.GetAsync("/api/directory/open-data/places.geojson", Cancel);

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var collection = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
        var foix = collection["features"]!.AsArray().Single(f => f!["properties"]!["commune"]!.GetValue<string>() == "Foix")!;
        Assert.Equal("Feature", foix["type"]!.GetValue<string>());
        Assert.Equal("Point", foix["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal([1.607, 42.965], foix["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()));
        Assert.Equal("digital-mediation", foix["properties"]!["typology"]!.GetValue<string>());
        Assert.False(foix["properties"]!["labelled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_CSV_export_lists_the_active_places_with_French_column_names()
    {
        await ReportAsync(await ImportAsync(Csv(Foix, Albi)));

        var response = await _public.GetAsync("/api/directory/open-data/places.csv?department=81", Cancel);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,nom,typologie,adresse,code_postal,commune,departement,latitude,longitude,services,horaires", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Point numérique d'Albi", lines[1], StringComparison.Ordinal);
        await Problem.AssertAsync(await _public.GetAsync("/api/directory/open-data/places.csv?department=75", Cancel), HttpStatusCode.UnprocessableEntity);
    }
}
