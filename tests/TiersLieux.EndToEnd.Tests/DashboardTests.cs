using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The AppHost dashboard as ops use it: the services export OTLP to it, one request through the gateway is one
/// trace down to the consumers of its event, and the pages work in a real (Debian) Chromium.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DashboardTests(PlatformFixture platform)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_request_through_the_gateway_is_one_trace_from_the_gateway_through_the_service_and_its_outbox_to_the_consumers()
    {
        var traceId = await RegisterPlaceAsync("Tiers-lieu tracé de Gruissan");

        var spans = await platform.AppHost.WaitForTraceAsync(traceId, IsComplete);

        var byId = ById(spans);
        var gateway = Assert.Single(spans, span => Resource(span) == "gateway" && Kind(span) == "server");
        Assert.Equal(0, gateway["depth"]!.GetValue<int>());
        var service = Assert.Single(spans, span => Resource(span) == "directory-api" && Kind(span) == "server");
        var publish = Assert.Single(spans, span => Resource(span) == "directory-api" && span["name"]!.GetValue<string>() == "outbox publish");
        var consumers = spans.Where(span => Kind(span) == "consumer" && Resource(span) != "directory-api").ToList();
        Assert.NotEmpty(consumers);

        // One causal chain: gateway ← service ← outbox publish ← consumers in other services.
        Assert.Contains(gateway, Ancestors(service, byId));
        Assert.Contains(service, Ancestors(publish, byId));
        Assert.All(consumers, consumer => Assert.Contains(publish, Ancestors(consumer, byId)));
        Assert.Contains(spans, span => Resource(span) == "directory-api" && Kind(span) == "client" && span["name"]!.GetValue<string>().Contains("postgresql", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_dashboard_pages_show_resources_filter_structured_logs_and_open_a_trace_waterfall_in_Chromium()
    {
        var traceId = await RegisterPlaceAsync("Tiers-lieu affiché de Leucate");
        // The page reads the trace once: everything it is asked to show must have been exported by then.
        await platform.AppHost.WaitForTraceAsync(traceId, IsComplete);
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: Chromium's own background traffic only fails and slows the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(30_000);

        // Resources.
        await page.GotoAsync(platform.AppHost.DashboardUrl);
        await Assertions.Expect(page.Locator("#resources tr[data-resource='gateway'] td").Nth(3)).ToHaveTextAsync("Healthy");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("running and healthy");

        // Structured logs, filtered by resource, level and text.
        await page.ClickAsync("#nav-logs");
        await page.SelectOptionAsync("#log-resource", "directory-api");
        await page.SelectOptionAsync("#log-level", "Information");
        await page.FillAsync("#log-text", "Demo data");
        await page.ClickAsync("#log-apply");
        await Assertions.Expect(page.Locator("#log-rows tr").First).ToContainTextAsync("110 sample places");
        var resources = await page.Locator("#log-rows tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.All(resources, resource => Assert.StartsWith("directory-api", resource, StringComparison.Ordinal));
        Assert.Contains("resource=directory-api", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-structured-logs.png"), FullPage = true });

        // Traces: filter to the gateway's, open ours, see the waterfall across services.
        await page.ClickAsync("#nav-traces");
        await page.SelectOptionAsync("#trace-resource", "gateway");
        await page.FillAsync("#trace-text", "POST");
        await page.ClickAsync("#trace-apply");
        var row = page.Locator($"#trace-rows tr[data-trace-id='{traceId}']");
        await Assertions.Expect(row).ToContainTextAsync("directory-api");
        await row.Locator("td").First.ClickAsync();
        await Assertions.Expect(page.Locator("#trace-title")).ToContainTextAsync("gateway");
        await Assertions.Expect(page.Locator("#waterfall tr.span-row[data-resource='gateway']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#waterfall tr.span-row[data-resource='directory-api']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#waterfall tr.span-row[data-kind='consumer']").First).ToBeVisibleAsync();
        var publish = page.Locator("#waterfall tr.span-row", new PageLocatorOptions { HasText = "outbox publish" });
        await publish.ClickAsync();
        var spanId = await publish.GetAttributeAsync("data-span-id");
        await Assertions.Expect(page.Locator($"#waterfall tr.attributes-row[data-for='{spanId}']")).ToContainTextAsync("messaging.message.type = PlaceRegistered");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-trace.png"), FullPage = true });

        // Metrics: request rate and latency per service, the broker's queues.
        await page.ClickAsync("#nav-metrics");
        await Assertions.Expect(page.Locator("#health-rows tr[data-resource='gateway']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue-rows tr[data-queue$='place-registered']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue-note")).ToContainTextAsync("from http://127.0.0.1:");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-metrics.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(artefacts.FullName, "dashboard-trace.png")).Length > 10_000);
    }

    [Fact]
    public async Task The_metrics_api_derives_request_rate_errors_and_latency_of_the_gateway_and_reads_queue_depths_from_RabbitMQ()
    {
        for (var i = 0; i < 20; i++)
        {
            using var response = await platform.Gateway.GetAsync("/api/directory/places/search?q=narbonne", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        JsonObject? gateway = null;
        await TestWait.UntilAsync(async () =>
        {
            var health = JsonNode.Parse(await Http.GetStringAsync($"{platform.AppHost.DashboardUrl}/api/telemetry/health?window=300", TestContext.Current.CancellationToken))!;
            gateway = health["services"]!.AsArray().Select(row => row!.AsObject()).FirstOrDefault(row => row["resource"]!.GetValue<string>() == "gateway");
            return gateway is not null && gateway["requests"]!.GetValue<long>() >= 20;
        }, TimeSpan.FromSeconds(30));

        Assert.True(gateway!["requestsPerSecond"]!.GetValue<double>() > 0);
        Assert.True(gateway["p50Ms"]!.GetValue<double>() > 0);
        Assert.True(gateway["p99Ms"]!.GetValue<double>() >= gateway["p50Ms"]!.GetValue<double>());

        var queues = JsonNode.Parse(await Http.GetStringAsync($"{platform.AppHost.DashboardUrl}/api/queues", TestContext.Current.CancellationToken))!;
        Assert.Empty(queues["errors"]!.AsArray());
        var placeRegistered = queues["queues"]!.AsArray().Select(queue => queue!.AsObject())
            .Where(queue => queue["name"]!.GetValue<string>().EndsWith("place-registered", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(placeRegistered);
        Assert.All(placeRegistered, queue => Assert.True(queue["consumers"]!.GetValue<int>() >= 1));
    }

    private async Task<string> RegisterPlaceAsync(string name)
    {
        using var created = await platform.Admin.PostAsJsonAsync("/api/directory/places", SamplePlaces.Narbonne(name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.GetValues("X-Trace-Id").Single();
    }

    /// <summary>
    /// Each process exports its spans on its own schedule (batches every second), so a trace fills in over a moment:
    /// complete once the gateway's and directory's server spans, directory's outbox publish and a consumer in another
    /// service are in, with every such consumer's parents exported up to the publish.
    /// </summary>
    private static bool IsComplete(List<JsonObject> spans)
    {
        var byId = ById(spans);
        var publish = spans.FirstOrDefault(span => Resource(span) == "directory-api" && span["name"]!.GetValue<string>() == "outbox publish");
        var consumers = spans.Where(span => Kind(span) == "consumer" && Resource(span) != "directory-api").ToList();
        return publish is not null && consumers.Count > 0 &&
            spans.Any(span => Resource(span) == "gateway" && Kind(span) == "server") &&
            spans.Any(span => Resource(span) == "directory-api" && Kind(span) == "server") &&
            consumers.All(consumer => Ancestors(consumer, byId).Contains(publish));
    }

    private static Dictionary<string, JsonObject> ById(List<JsonObject> spans) => spans.ToDictionary(span => span["spanId"]!.GetValue<string>());

    private static IEnumerable<JsonObject> Ancestors(JsonObject span, Dictionary<string, JsonObject> byId)
    {
        for (var parent = span["parentSpanId"]?.GetValue<string>(); parent is not null && byId.TryGetValue(parent, out var next); parent = next["parentSpanId"]?.GetValue<string>())
        {
            yield return next;
        }
    }

    private static string Resource(JsonObject span) => span["resource"]!.GetValue<string>();

    private static string Kind(JsonObject span) => span["kind"]!.GetValue<string>();
}
