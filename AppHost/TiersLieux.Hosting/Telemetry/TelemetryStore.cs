using System.Globalization;
using Google.Protobuf;
using TiersLieux.Hosting.Telemetry.Otlp;

namespace TiersLieux.Hosting.Telemetry;

/// <summary>How much telemetry the dashboard keeps in memory; the oldest goes first when a kind is full.</summary>
public sealed record TelemetryLimits(int MaxSpans = 50_000, int MaxLogs = 50_000, int MaxMetricPoints = 100_000);

public sealed record SpanEntry(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string Kind, string Resource, string? Instance, string Scope,
    DateTimeOffset Start, double DurationMs, string Status, string? StatusMessage, IReadOnlyDictionary<string, string> Attributes);

public sealed record LogEntry(
    long Sequence, DateTimeOffset Time, string Resource, string? Instance, string Level, int SeverityNumber, string Category, string Message,
    string? TraceId, string? SpanId, IReadOnlyDictionary<string, string> Attributes);

public sealed record MetricPoint(
    string Resource, string? Instance, string Name, string Unit, string Kind, DateTimeOffset Time, double? Value,
    ulong? Count, double? Sum, IReadOnlyList<double>? Bounds, IReadOnlyList<ulong>? Buckets, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Telemetry received over OTLP, kept in bounded memory (per kind, oldest dropped first) and read by the dashboard's
/// pages and JSON API. Thread-safe: receivers write while pages read.
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly BoundedLog<SpanEntry> _spans = new(limits.MaxSpans);
    private readonly BoundedLog<LogEntry> _logs = new(limits.MaxLogs);
    private readonly BoundedLog<MetricPoint> _metrics = new(limits.MaxMetricPoints);
    private long _logSequence;

    public TelemetryLimits Limits => limits;

    public IReadOnlyList<SpanEntry> Spans() => _spans.Snapshot();

    public IReadOnlyList<LogEntry> Logs() => _logs.Snapshot();

    public IReadOnlyList<MetricPoint> MetricPoints() => _metrics.Snapshot();

    public (long Spans, long Logs, long MetricPoints) Dropped => (_spans.Dropped, _logs.Dropped, _metrics.Dropped);

    public void Add(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var (resource, instance) = Identify(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    _spans.Add(new SpanEntry(Hex(span.TraceId)!, Hex(span.SpanId)!, Hex(span.ParentSpanId), span.Name, KindName(span.Kind), resource, instance,
                        scopeSpans.Scope?.Name ?? "", Time(span.StartTimeUnixNano), (span.EndTimeUnixNano - (double)span.StartTimeUnixNano) / 1_000_000d,
                        span.Status?.Code switch { 1 => "ok", 2 => "error", _ => "unset" }, NullIfEmpty(span.Status?.Message), Attributes(span.Attributes)));
                }
            }
        }
    }

    public void Add(ExportLogsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var (resource, instance) = Identify(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var record in scopeLogs.LogRecords)
                {
                    var attributes = Attributes(record.Attributes);
                    var time = record.TimeUnixNano > 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
                    _logs.Add(new LogEntry(Interlocked.Increment(ref _logSequence), Time(time), resource, instance, LevelName(record.SeverityNumber, record.SeverityText),
                        record.SeverityNumber, scopeLogs.Scope?.Name ?? "", record.Body is { } body ? Text(body) : "",
                        Hex(record.TraceId), Hex(record.SpanId), attributes));
                }
            }
        }
    }

    public void Add(ExportMetricsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var (resource, instance) = Identify(resourceMetrics.Resource);
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(scope => scope.Metrics))
            {
                switch (metric.DataCase)
                {
                    case Metric.DataOneofCase.Gauge:
                        AddNumbers(resource, instance, metric, "gauge", metric.Gauge.DataPoints);
                        break;
                    case Metric.DataOneofCase.Sum:
                        AddNumbers(resource, instance, metric, metric.Sum.IsMonotonic ? "counter" : "updown", metric.Sum.DataPoints);
                        break;
                    case Metric.DataOneofCase.Histogram:
                        foreach (var point in metric.Histogram.DataPoints)
                        {
                            _metrics.Add(new MetricPoint(resource, instance, metric.Name, metric.Unit, "histogram", Time(point.TimeUnixNano), null,
                                point.Count, point.HasSum ? point.Sum : null, [.. point.ExplicitBounds], [.. point.BucketCounts], Attributes(point.Attributes)));
                        }

                        break;
                }
            }
        }
    }

    private void AddNumbers(string resource, string? instance, Metric metric, string kind, IEnumerable<NumberDataPoint> points)
    {
        foreach (var point in points)
        {
            var value = point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
            _metrics.Add(new MetricPoint(resource, instance, metric.Name, metric.Unit, kind, Time(point.TimeUnixNano), value, null, null, null, null, Attributes(point.Attributes)));
        }
    }

    private static (string Resource, string? Instance) Identify(Resource? resource)
    {
        var attributes = resource is null ? new Dictionary<string, string>() : Attributes(resource.Attributes);
        return (attributes.GetValueOrDefault("service.name") ?? "unknown", attributes.GetValueOrDefault("service.instance.id"));
    }

    /// <summary>An exporter's attributes by key, the last one winning when a key repeats (OTLP allows it).</summary>
    public static Dictionary<string, string> Attributes(IReadOnlyCollection<KeyValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        // A plain loop: this runs for every span, log record and metric point the platform exports.
        var byKey = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            byKey[attribute.Key] = Text(attribute.Value);
        }

        return byKey;
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(pair => $"{pair.Key}: {Text(pair.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        _ => "",
    };

    private static string? Hex(ByteString id) => id.IsEmpty ? null : Convert.ToHexStringLower(id.Span);

    private static DateTimeOffset Time(ulong unixNano) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNano / 100));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string KindName(int kind) => kind switch
    {
        1 => "internal",
        2 => "server",
        3 => "client",
        4 => "producer",
        5 => "consumer",
        _ => "unspecified",
    };

    /// <summary>The level's name from OTLP's severity number (1-4 trace … 21-24 fatal), else the exporter's text.</summary>
    public static string LevelName(int severityNumber, string? text) => severityNumber switch
    {
        >= 1 and <= 4 => "Trace",
        >= 5 and <= 8 => "Debug",
        >= 9 and <= 12 => "Information",
        >= 13 and <= 16 => "Warning",
        >= 17 and <= 20 => "Error",
        >= 21 => "Critical",
        _ => string.IsNullOrEmpty(text) ? "Information" : text,
    };

    /// <summary>A fixed-size log of entries: adding to a full one drops the oldest.</summary>
    private sealed class BoundedLog<T>(int capacity)
    {
        private readonly Queue<T> _entries = new();
        private readonly Lock _lock = new();

        public long Dropped { get; private set; }

        public void Add(T entry)
        {
            lock (_lock)
            {
                _entries.Enqueue(entry);
                while (_entries.Count > Math.Max(1, capacity))
                {
                    _entries.Dequeue();
                    Dropped++;
                }
            }
        }

        public IReadOnlyList<T> Snapshot()
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }
}
