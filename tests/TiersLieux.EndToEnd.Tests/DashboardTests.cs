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
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(30_000);
        // Expectations wait 5 s by default; a dashboard serving a whole platform on a busy machine needs longer.
        Assertions.SetDefaultExpectTimeout(30_000);

        // Signed in with the browser token, as ops open the link the AppHost prints; the resources page lists the topology.
        await page.GotoAsync($"{platform.AppHost.DashboardUrl}/login?t={platform.AppHost.BrowserToken}");
        foreach (var resource in new[] { "gateway", "membership-api", "directory-api", "postgres", "messaging" })
        {
            await Assertions.Expect(page.GetByText(resource, new PageGetByTextOptions { Exact = true }).First).ToBeVisibleAsync();
        }

        // The state column's text (the page also holds hidden "Running" labels of its state filter).
        await Assertions.Expect(page.GetByText("Running", new PageGetByTextOptions { Exact = true }).Filter(new LocatorFilterOptions { Visible = true }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-resources.png"), FullPage = true });

        // Structured logs of one service: the directory's demo data.
        await page.GotoAsync($"{platform.AppHost.DashboardUrl}/structuredlogs/resource/directory-api");
        await Assertions.Expect(page.GetByText("110 sample places").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-structured-logs.png"), FullPage = true });

        // Our trace as a waterfall across the services, down to the consumers of its event.
        await page.GotoAsync($"{platform.AppHost.DashboardUrl}/traces/detail/{traceId}");
        await Assertions.Expect(page.GetByText("outbox publish").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("directory-api").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("membership-api").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-trace.png"), FullPage = true });

        // The metrics page of a service (kept as a screenshot; which meter names it lists is not asserted yet).
        await page.GotoAsync($"{platform.AppHost.DashboardUrl}/metrics/resource/directory-api");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts.FullName, "dashboard-metrics.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(artefacts.FullName, "dashboard-trace.png")).Length > 10_000);
    }

    [Fact]
    public async Task The_messaging_resource_shows_every_queue_with_its_consumers_and_no_dead_letters()
    {
        IReadOnlyList<Aspire.Hosting.ApplicationModel.ResourcePropertySnapshot> properties = [];
        List<Aspire.Hosting.ApplicationModel.ResourcePropertySnapshot> placeRegistered = [];
        // RabbitMQ's management statistics, which the monitor reads every 3 s, count a queue's consumers some seconds
        // after they attach (a busy fresh-clone run once read a consumer-less queue at once): wait for the figures,
        // bounded, then check them.
        try
        {
            await TestWait.UntilAsync(() =>
            {
                properties = platform.AppHost.Instances("messaging").Single().Snapshot.Properties;
                placeRegistered = [.. properties.Where(property => property.Name.StartsWith("queue.", StringComparison.Ordinal) && property.Name.EndsWith("place-registered", StringComparison.Ordinal))];
                return placeRegistered.Count > 0 && placeRegistered.All(queue => queue.Value?.ToString()?.Contains(", 0 consumers", StringComparison.Ordinal) == false);
            }, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // The assertions below say which queue lacks its consumers.
        }

        Assert.NotEmpty(placeRegistered);
        Assert.All(placeRegistered, queue => Assert.DoesNotContain(", 0 consumers", queue.Value?.ToString(), StringComparison.Ordinal));
        Assert.Equal(0L, Convert.ToInt64(properties.Single(property => property.Name == "queues.dead-lettered").Value, System.Globalization.CultureInfo.InvariantCulture));
        var deadLetters = platform.AppHost.Instances("messaging-dead-letters").Single();
        Assert.True(PlatformAppHost.IsRunningAndHealthy(deadLetters), $"{deadLetters.Snapshot.State?.Text}/{deadLetters.Snapshot.HealthStatus}");
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
