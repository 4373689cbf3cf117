using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TiersLieux.Hosting.Processes;
using TiersLieux.Hosting.Telemetry;
using TiersLieux.Hosting.Telemetry.Otlp;

namespace TiersLieux.Hosting.Tests;

/// <summary>The dashboard receives OTLP itself (gRPC and HTTP/protobuf), from the real OpenTelemetry .NET exporter.</summary>
public sealed class DashboardTelemetryTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<DistributedApplication> StartAsync()
    {
        var options = TestApps.Options();
        options.DashboardPort = FreePort.Next();
        var app = DistributedApplication.CreateBuilder(options).Build();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Spans_logs_and_metrics_from_the_real_exporter_show_up_through_the_dashboard_api()
    {
        await using var app = await StartAsync();
        var settings = app.Receiving!;
        var key = $"{OtlpSettings.ApiKeyHeader}={settings.ApiKey}";
        using var source = new ActivitySource("dashboard-test");
        var resource = ResourceBuilder.CreateDefault().AddService("exporter-test", serviceInstanceId: "replica-1");
        string traceId;
        // Traces over gRPC (the projects' default), logs and metrics over HTTP/protobuf: both receivers.
        using (var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource("dashboard-test")
                   .AddOtlpExporter(otlp => { otlp.Endpoint = new Uri($"http://127.0.0.1:{settings.GrpcPort}"); otlp.Protocol = OtlpExportProtocol.Grpc; otlp.Headers = key; })
                   .Build())
        {
            using (var request = source.StartActivity("POST /api/booking/bookings", ActivityKind.Server))
            {
                traceId = request!.TraceId.ToHexString();
                using var consumer = source.StartActivity("BookingConfirmed receive", ActivityKind.Consumer);
                consumer!.SetStatus(ActivityStatusCode.Error, "the consumer failed");
            }

            Assert.True(tracing.ForceFlush(10_000));
        }

        using (var logging = LoggerFactory.Create(logs => logs.AddOpenTelemetry(otel =>
               {
                   otel.SetResourceBuilder(resource);
                   otel.IncludeFormattedMessage = true;
                   otel.AddOtlpExporter(otlp => { otlp.Endpoint = new Uri($"http://127.0.0.1:{settings.HttpPort}/v1/logs"); otlp.Protocol = OtlpExportProtocol.HttpProtobuf; otlp.Headers = key; });
               })))
        {
            using var activity = new Activity("with a log").Start();
            logging.CreateLogger("TiersLieux.Booking").LogWarning("Booking {BookingId} refused: {Rule}", 42, "period-taken");
        }

        using (var meter = new Meter("dashboard-test"))
        using (var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter("dashboard-test")
                   .AddOtlpExporter(otlp => { otlp.Endpoint = new Uri($"http://127.0.0.1:{settings.HttpPort}/v1/metrics"); otlp.Protocol = OtlpExportProtocol.HttpProtobuf; otlp.Headers = key; })
                   .Build())
        {
            meter.CreateCounter<long>("outbox.dispatched").Add(3);
            meter.CreateHistogram<double>("http.server.request.duration", "s").Record(0.042);
            Assert.True(metrics.ForceFlush(10_000));
        }

        var traces = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/telemetry/traces?resource=exporter-test", Cancel))!.AsArray();
        var trace = Assert.Single(traces)!;
        Assert.Equal(traceId, trace["traceId"]!.GetValue<string>());
        Assert.Equal(2, trace["spans"]!.GetValue<int>());
        Assert.True(trace["hasError"]!.GetValue<bool>());
        var waterfall = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/telemetry/traces/{traceId}", Cancel))!["spans"]!.AsArray();
        Assert.Equal(["POST /api/booking/bookings", "BookingConfirmed receive"], waterfall.Select(span => span!["name"]!.GetValue<string>()));
        Assert.Equal([0, 1], waterfall.Select(span => span!["depth"]!.GetValue<int>()));
        Assert.Equal("consumer", waterfall[1]!["kind"]!.GetValue<string>());
        Assert.Equal("replica-1", waterfall[0]!["instance"]!.GetValue<string>());

        var logs = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/telemetry/logs?resource=exporter-test&level=warning&text=period-taken", Cancel))!.AsArray();
        var log = Assert.Single(logs)!;
        Assert.Equal("Warning", log["level"]!.GetValue<string>());
        Assert.Equal("TiersLieux.Booking", log["category"]!.GetValue<string>());
        Assert.Equal("Booking 42 refused: period-taken", log["message"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(log["traceId"]?.GetValue<string>()));
        Assert.Empty(JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/telemetry/logs?resource=exporter-test&level=error", Cancel))!.AsArray());

        var series = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/telemetry/metrics?resource=exporter-test", Cancel))!.AsArray();
        Assert.Equal(3, series.Single(s => s!["name"]!.GetValue<string>() == "outbox.dispatched")!["last"]!["value"]!.GetValue<double>());
        Assert.Equal("histogram", series.Single(s => s!["name"]!.GetValue<string>() == "http.server.request.duration")!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exports_without_the_api_key_are_refused_and_nothing_is_kept()
    {
        await using var app = await StartAsync();
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans());
        using var content = new ByteArrayContent(Google.Protobuf.MessageExtensions.ToByteArray(request));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");

        using var response = await Http.PostAsync($"http://127.0.0.1:{app.Receiving!.HttpPort}/v1/traces", content, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Telemetry.Spans());
    }

    [Fact]
    public void The_store_keeps_the_newest_entries_within_its_limits()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxSpans: 3, MaxLogs: 2));
        var request = new ExportTraceServiceRequest();
        var spans = new ScopeSpans();
        for (var i = 1; i <= 5; i++)
        {
            spans.Spans.Add(new Span { TraceId = Google.Protobuf.ByteString.CopyFrom(new byte[16]), SpanId = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes((long)i)), Name = $"span {i}" });
        }

        request.ResourceSpans.Add(new ResourceSpans { ScopeSpans = { spans } });
        store.Add(request);

        Assert.Equal(["span 3", "span 4", "span 5"], store.Spans().Select(span => span.Name));
        Assert.Equal(2, store.Dropped.Spans);
    }
}
