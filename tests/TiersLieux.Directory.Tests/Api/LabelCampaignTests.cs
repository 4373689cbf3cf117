using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Directory;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

/// <summary>Label campaigns end to end on a real PostgreSQL: call, applications, weighted reviews, the network's decision.</summary>
public sealed class LabelCampaignTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    /// <summary>The network's today (Paris), as the service decides dates: not UTC's, which differs after 23:00.</summary>
    private static readonly DateOnly Today = TiersLieux.ServiceDefaults.NetworkClock.Today(TimeProvider.System);
    private ServiceFactory<Program> _service = null!;
    private TestTokenIssuer _tokens = null!;
    private HttpClient _admin = null!;
    private HttpClient _secondReviewer = null!;
    private EventCollector<PlaceUpdated> _updated = null!;
    private EventCollector<LabelApplicationDecided> _decided = null!;
    private EventCollector<TiersLieux.Contracts.Audit.SensitiveActionTaken> _audited = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tokens = await TestTokenIssuer.SharedAsync();
        _updated = await EventCollector<PlaceUpdated>.StartAsync(infrastructure.MessagingConnectionString);
        _decided = await EventCollector<LabelApplicationDecided>.StartAsync(infrastructure.MessagingConnectionString);
        _audited = await EventCollector<TiersLieux.Contracts.Audit.SensitiveActionTaken>.StartAsync(infrastructure.MessagingConnectionString);
        _service = new ServiceFactory<Program>(new Dictionary<string, string>(_tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.DirectoryDb}"] = await infrastructure.CreateDatabaseAsync("labels"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
        });
        _admin = _service.CreateClient().WithBearer(_tokens.NetworkAdmin("reviewer-camille"));
        _secondReviewer = _service.CreateClient().WithBearer(_tokens.NetworkAdmin("reviewer-jules"));
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _secondReviewer.Dispose();
        await _service.DisposeAsync();
        await _updated.DisposeAsync();
        await _decided.DisposeAsync();
        await _audited.DisposeAsync();
    }

    private static object Campaign(int edition, DateOnly opens, DateOnly closes) => new
    {
        edition,
        title = $"Appel à labellisation, édition {edition}",
        callOpensOn = opens,
        callClosesOn = closes,
        labelValidityMonths = 36,
        criteria = new[]
        {
            new { code = "territory", name = "Ancrage territorial", weight = 50 },
            new { code = "openness", name = "Ouverture à tous les publics", weight = 30 },
            new { code = "economy", name = "Modèle économique", weight = 20 },
        },
    };

    private async Task<JsonObject> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<Guid> PlaceAsync(string name) =>
        (await PostAsync(_admin, "/api/directory/places", SamplePlaces.Narbonne(name)))["id"]!.GetValue<Guid>();

    private async Task<Guid> OpenCampaignAsync(int edition) =>
        (await PostAsync(_admin, "/api/directory/label-campaigns", Campaign(edition, Today.AddDays(-10), Today.AddDays(20))))["id"]!.GetValue<Guid>();

    [Fact]
    public async Task A_place_applies_reviewers_score_it_by_weighted_criteria_and_the_network_labels_it()
    {
        var campaign = await OpenCampaignAsync(edition: 3);
        var place = await PlaceAsync("Tiers-lieu de Gruissan");
        var other = await PlaceAsync("Tiers-lieu de Sigean");
        using var operatorClient = _service.CreateClient().WithBearer(_tokens.PlaceOperator(place));

        var application = await PostAsync(operatorClient, $"/api/directory/label-campaigns/{campaign}/applications", new { placeId = place, statement = "Un lieu ouvert à tous." });
        var id = application["id"]!.GetValue<Guid>();
        Assert.False(application["renewal"]!.GetValue<bool>());
        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/directory/label-campaigns/{campaign}/applications", new { placeId = other, statement = "Pas le mien." }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/directory/label-campaigns/{campaign}/applications", new { placeId = place, statement = "Encore." }, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync($"/api/directory/label-applications/{id}/reviews/mine", new { scores = new { territory = 5, openness = 5, economy = 5 } }, Cancel), HttpStatusCode.Forbidden);

        // Weighted: (50×4 + 30×5 + 20×2) / (100×5) = 78 %, and (50×3 + 30×3 + 20×3) / 500 = 60 %: the mean is 69.
        Assert.Equal(78, (await PutAsync(_admin, id, new { territory = 4, openness = 5, economy = 2 }))["reviews"]![0]!["score"]!.GetValue<double>());
        var reviewed = await PutAsync(_secondReviewer, id, new { territory = 3, openness = 3, economy = 3 });
        Assert.Equal(69, reviewed["score"]!.GetValue<double>());
        var seenByPlace = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/directory/label-applications/{id}", Cancel);
        Assert.All(seenByPlace!["reviews"]!.AsArray(), review => Assert.Equal("", review!["reviewer"]!.GetValue<string>()));

        var decided = await PostAsync(_admin, $"/api/directory/label-applications/{id}/decision", new { outcome = "labelled", note = "Bienvenue dans le réseau." }, HttpStatusCode.OK);

        Assert.Equal("labelled", decided["status"]!.GetValue<string>());
        var labelled = await _admin.GetFromJsonAsync<JsonObject>($"/api/directory/places/{place}", Cancel);
        Assert.Equal(3, labelled!["label"]!["edition"]!.GetValue<int>());
        Assert.Equal(Today.AddMonths(36).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), labelled["label"]!["until"]!.GetValue<string>());
        var search = await _admin.GetFromJsonAsync<JsonObject>("/api/directory/places/search?label=labelled", Cancel);
        Assert.Equal([place], search!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
        var updated = await _updated.WaitForAsync(e => e.PlaceId == place && e.Version == labelled["version"]!.GetValue<int>(), TimeSpan.FromSeconds(30));
        Assert.Equal("Tiers-lieu de Gruissan", updated.Message.Name);
        var decision = (await _decided.WaitForAsync(e => e.ApplicationId == id, TimeSpan.FromSeconds(30))).Message;
        Assert.Equal((place, "labelled", Today.AddMonths(36).AddDays(-1), "Bienvenue dans le réseau.", 3), (decision.PlaceId, decision.Outcome, decision.LabelledUntil, decision.Note, decision.Edition));
        // The decision is traced to the reviewer who took it, in the network's audit trail.
        var traced = (await _audited.WaitForAsync(e => e.ObjectId == id.ToString(), TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(("directory", "label-decided", "reviewer-camille", "network-admin", "labelled, label edition 3"),
            (traced.Service, traced.Action, traced.ActorSubject, traced.ActorRole, traced.Outcome));
        Assert.Equal([place], traced.PlaceIds);
        await Problem.AssertAsync(await _admin.PutAsJsonAsync($"/api/directory/label-applications/{id}/reviews/mine", new { scores = new { territory = 1, openness = 1, economy = 1 } }, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await _admin.PostAsJsonAsync($"/api/directory/label-applications/{id}/decision", new { outcome = "rejected" }, Cancel), HttpStatusCode.Conflict);
    }

    private async Task<JsonObject> PutAsync(HttpClient reviewer, Guid application, object scores)
    {
        var response = await reviewer.PutAsJsonAsync($"/api/directory/label-applications/{application}/reviews/mine", new { scores, comment = "Vu sur place." }, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task A_labelled_place_applying_again_is_renewed_not_labelled()
    {
        var first = await OpenCampaignAsync(edition: 4);
        var second = await OpenCampaignAsync(edition: 5);
        var place = await PlaceAsync("Fablab de Leucate");
        var one = (await PostAsync(_admin, $"/api/directory/label-campaigns/{first}/applications", new { placeId = place, statement = "Premier appel." }))["id"]!.GetValue<Guid>();
        await PutAsync(_admin, one, new { territory = 4, openness = 4, economy = 4 });
        await PostAsync(_admin, $"/api/directory/label-applications/{one}/decision", new { outcome = "labelled" }, HttpStatusCode.OK);

        var two = await PostAsync(_admin, $"/api/directory/label-campaigns/{second}/applications", new { placeId = place, statement = "Renouvellement." });
        var twoId = two["id"]!.GetValue<Guid>();
        await PutAsync(_admin, twoId, new { territory = 4, openness = 4, economy = 4 });

        Assert.True(two["renewal"]!.GetValue<bool>());
        await Problem.AssertAsync(await _admin.PostAsJsonAsync($"/api/directory/label-applications/{twoId}/decision", new { outcome = "labelled" }, Cancel), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("renewed", (await PostAsync(_admin, $"/api/directory/label-applications/{twoId}/decision", new { outcome = "renewed" }, HttpStatusCode.OK))["status"]!.GetValue<string>());
        var renewed = await _admin.GetFromJsonAsync<JsonObject>($"/api/directory/places/{place}", Cancel);
        Assert.Equal(5, renewed!["label"]!["edition"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_campaigns_applications_out_of_the_call_bad_scores_and_unreviewed_labels_are_refused()
    {
        var closed = (await PostAsync(_admin, "/api/directory/label-campaigns", Campaign(6, Today.AddDays(-60), Today.AddDays(-30))))["id"]!.GetValue<Guid>();
        var open = await OpenCampaignAsync(edition: 7);
        var place = await PlaceAsync("Coworking de Bages");

        await Problem.AssertAsync(await _admin.PostAsJsonAsync("/api/directory/label-campaigns", Campaign(7, Today, Today.AddDays(5)), Cancel), HttpStatusCode.Conflict);
        var backwards = await _admin.PostAsJsonAsync("/api/directory/label-campaigns", Campaign(8, Today, Today.AddDays(-5)), Cancel);
        Assert.NotNull((await Problem.AssertAsync(backwards, HttpStatusCode.UnprocessableEntity))["errors"]!["callClosesOn"]);
        var noCriteria = await _admin.PostAsJsonAsync("/api/directory/label-campaigns", new { edition = 9, title = "Sans critères", callOpensOn = Today, callClosesOn = Today, labelValidityMonths = 36, criteria = Array.Empty<object>() }, Cancel);
        Assert.NotNull((await Problem.AssertAsync(noCriteria, HttpStatusCode.UnprocessableEntity))["errors"]!["criteria"]);
        var late = await _admin.PostAsJsonAsync($"/api/directory/label-campaigns/{closed}/applications", new { placeId = place, statement = "Trop tard." }, Cancel);
        Assert.NotNull((await Problem.AssertAsync(late, HttpStatusCode.UnprocessableEntity))["errors"]!["campaignId"]);

        var application = (await PostAsync(_admin, $"/api/directory/label-campaigns/{open}/applications", new { placeId = place, statement = "À temps." }))["id"]!.GetValue<Guid>();
        var badScores = await _admin.PutAsJsonAsync($"/api/directory/label-applications/{application}/reviews/mine", new { scores = new { territory = 9, extra = 1 } }, Cancel);
        var reasons = (await Problem.AssertAsync(badScores, HttpStatusCode.UnprocessableEntity))["errors"]!["scores"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(reasons, r => r.Contains("'openness' is not scored", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("'extra' is not a criterion", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("from 0 to 5", StringComparison.Ordinal));
        var unreviewed = await _admin.PostAsJsonAsync($"/api/directory/label-applications/{application}/decision", new { outcome = "labelled" }, Cancel);
        Assert.NotNull((await Problem.AssertAsync(unreviewed, HttpStatusCode.UnprocessableEntity))["errors"]!["outcome"]);
        await Problem.AssertAsync(await _admin.GetAsync($"/api/directory/label-applications/{Guid.NewGuid()}", Cancel), HttpStatusCode.NotFound);
        using var otherOperator = _service.CreateClient().WithBearer(_tokens.PlaceOperator(Guid.NewGuid()));
        await Problem.AssertAsync(await otherOperator.GetAsync($"/api/directory/label-applications/{application}", Cancel), HttpStatusCode.NotFound);
        Assert.Empty((await otherOperator.GetFromJsonAsync<JsonArray>($"/api/directory/label-campaigns/{open}/applications", Cancel))!);
        var stillUnlabelled = await _admin.GetFromJsonAsync<JsonObject>($"/api/directory/places/{place}", Cancel);
        Assert.Null(stillUnlabelled!["label"]);
    }
}
