using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TiersLieux.Hosting.Telemetry;

/// <summary>The dashboard's telemetry as JSON (what its pages show): structured logs, traces, one trace's spans, metrics.</summary>
public static class TelemetryApi
{
    public static void MapTelemetryApi(this IEndpointRouteBuilder app, TelemetryStore store)
    {
        var api = app.MapGroup("/api/telemetry");
        api.MapGet("/logs", (string? resource, string? level, string? text, string? traceId, int? max) =>
        {
            var minimum = level is null ? 0 : Severity(level);
            var logs = store.Logs().AsEnumerable().Reverse()
                .Where(log => resource is null || string.Equals(log.Resource, resource, StringComparison.OrdinalIgnoreCase))
                .Where(log => log.SeverityNumber >= minimum)
                .Where(log => traceId is null || string.Equals(log.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
                .Where(log => text is null || log.Message.Contains(text, StringComparison.OrdinalIgnoreCase) || log.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || log.Attributes.Values.Any(value => value.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .Take(Math.Clamp(max ?? 200, 1, 2000));
            return Results.Json(logs);
        });
        api.MapGet("/traces", (string? resource, string? text, int? max) =>
        {
            var traces = store.Spans().GroupBy(span => span.TraceId)
                .Select(Summary)
                .Where(trace => resource is null || trace.Resources.Contains(resource, StringComparer.OrdinalIgnoreCase))
                .Where(trace => text is null || trace.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(trace => trace.Start)
                .Take(Math.Clamp(max ?? 100, 1, 1000));
            return Results.Json(traces);
        });
        api.MapGet("/traces/{traceId}", (string traceId) =>
        {
            var spans = store.Spans().Where(span => string.Equals(span.TraceId, traceId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (spans.Count == 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown trace", detail: $"No span of trace '{traceId}' is kept (it may have been dropped as older than the limit).");
            }

            return Results.Json(new { summary = Summary(spans.GroupBy(span => span.TraceId).Single()), spans = Waterfall(spans) });
        });
        api.MapGet("/metrics", (string? resource) => Results.Json(store.MetricPoints()
            .Where(point => resource is null || string.Equals(point.Resource, resource, StringComparison.OrdinalIgnoreCase))
            .GroupBy(point => (point.Resource, point.Name))
            .Select(series => new { resource = series.Key.Resource, name = series.Key.Name, unit = series.First().Unit, kind = series.First().Kind, points = series.Count(), last = series.Last() })
            .OrderBy(series => series.resource, StringComparer.Ordinal).ThenBy(series => series.name, StringComparer.Ordinal)));
        api.MapGet("/health", (int? window) =>
        {
            var seconds = Math.Clamp(window ?? 60, 5, 3600);
            return Results.Json(new { windowSeconds = seconds, services = ServiceHealth.Compute(store.MetricPoints(), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(seconds)) });
        });
        api.MapGet("/resources", () => Results.Json(store.Spans().Select(span => span.Resource)
            .Concat(store.Logs().Select(log => log.Resource)).Concat(store.MetricPoints().Select(point => point.Resource))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
        api.MapGet("/limits", () => Results.Json(new { store.Limits, dropped = new { store.Dropped.Spans, store.Dropped.Logs, store.Dropped.MetricPoints } }));
    }

    public sealed record TraceSummary(string TraceId, string Name, DateTimeOffset Start, double DurationMs, int Spans, bool HasError, IReadOnlyList<string> Resources);

    private static TraceSummary Summary(IGrouping<string, SpanEntry> trace)
    {
        var spans = trace.ToList();
        var ids = spans.Select(span => span.SpanId).ToHashSet();
        var root = spans.Where(span => span.ParentSpanId is null || !ids.Contains(span.ParentSpanId)).MinBy(span => span.Start) ?? spans[0];
        var start = spans.Min(span => span.Start);
        var end = spans.Max(span => span.Start.AddMilliseconds(span.DurationMs));
        return new TraceSummary(trace.Key, $"{root.Resource}: {root.Name}", start, (end - start).TotalMilliseconds, spans.Count,
            spans.Any(span => span.Status == "error"), [.. spans.Select(span => span.Resource).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>The spans depth-first from the roots, each with its depth and offset from the trace's start (the waterfall's rows).</summary>
    private static List<object> Waterfall(List<SpanEntry> spans)
    {
        var start = spans.Min(span => span.Start);
        var ids = spans.Select(span => span.SpanId).ToHashSet();
        var children = spans.Where(span => span.ParentSpanId is not null && ids.Contains(span.ParentSpanId)).ToLookup(span => span.ParentSpanId!);
        var rows = new List<object>();
        void Visit(SpanEntry span, int depth)
        {
            rows.Add(new { span.SpanId, span.ParentSpanId, span.Name, span.Kind, span.Resource, span.Instance, span.Status, span.StatusMessage, depth,
                offsetMs = (span.Start - start).TotalMilliseconds, span.DurationMs, span.Attributes });
            foreach (var child in children[span.SpanId].OrderBy(child => child.Start))
            {
                Visit(child, depth + 1);
            }
        }

        foreach (var root in spans.Where(span => span.ParentSpanId is null || !ids.Contains(span.ParentSpanId)).OrderBy(span => span.Start))
        {
            Visit(root, 0);
        }

        return rows;
    }

    private static int Severity(string level) => level.ToLowerInvariant() switch
    {
        "trace" => 1,
        "debug" => 5,
        "information" or "info" => 9,
        "warning" or "warn" => 13,
        "error" => 17,
        "critical" or "fatal" => 21,
        _ => 0,
    };
}
