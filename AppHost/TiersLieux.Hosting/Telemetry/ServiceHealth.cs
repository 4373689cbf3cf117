using System.Globalization;

namespace TiersLieux.Hosting.Telemetry;

/// <summary>One service's health over the last window, as the metrics page shows it.</summary>
public sealed record ServiceHealthRow(
    string Resource,
    int Instances,
    long Requests,
    double RequestsPerSecond,
    long ServerErrors,
    double ErrorRate,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    long? OutboxBacklog,
    double? OldestUnsentSeconds,
    long ConsumerFailures,
    long ConsumerFailuresInWindow,
    long DeadLettered);

/// <summary>
/// Derives request rate, error rate and latency percentiles from the standard <c>http.server.request.duration</c>
/// histogram (health probes left out), and the message pipe's health from the platform's own meter (outbox backlog, consumer failures).
/// Exporters send cumulative series (one per instance and attribute set): the figure over a window is the last
/// point minus the last point before the window (zero if the series began inside it), summed over series.
/// </summary>
public static class ServiceHealth
{
    public const string RequestDuration = "http.server.request.duration";
    public const string OutboxBacklog = "tierslieux.outbox.backlog";
    public const string OldestUnsent = "tierslieux.outbox.oldest_unsent_age";
    public const string ConsumerFailures = "tierslieux.consumer.failures";
    public const string DeadLettered = "tierslieux.consumer.dead_lettered";

    public static IReadOnlyList<ServiceHealthRow> Compute(IReadOnlyList<MetricPoint> points, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(points);
        var since = now - window;
        var rows = new List<ServiceHealthRow>();
        foreach (var resource in points.GroupBy(point => point.Resource, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var series = resource.Where(point => point.Time <= now)
                .GroupBy(point => (point.Instance, point.Name, Key: AttributeKey(point.Attributes)))
                .Select(group => group.OrderBy(point => point.Time).ToList())
                .ToList();
            var requests = series.Where(s => s[0].Name == RequestDuration && s[0].Kind == "histogram" && !IsProbe(s[0].Attributes))
                .Select(s => DeltaOver(s, since)).ToList();
            var total = requests.Sum(delta => (long)delta.Count);
            var errors = requests.Where(delta => IsServerError(delta.Attributes)).Sum(delta => (long)delta.Count);
            var scale = requests.FirstOrDefault()?.Unit == "s" ? 1000d : 1d;
            var merged = Merge(requests);
            var failures = series.Where(s => s[0].Name == ConsumerFailures).ToList();
            if (requests.Count == 0 && failures.Count == 0 && !series.Any(s => s[0].Name == OutboxBacklog))
            {
                continue;
            }

            rows.Add(new ServiceHealthRow(
                resource.Key,
                resource.Select(point => point.Instance).Distinct().Count(),
                total,
                Math.Round(total / window.TotalSeconds, 2),
                errors,
                total == 0 ? 0 : Math.Round((double)errors / total, 4),
                Milliseconds(Percentile(merged, 0.50), scale),
                Milliseconds(Percentile(merged, 0.90), scale),
                Milliseconds(Percentile(merged, 0.99), scale),
                // Every replica counts the same table: the backlog is the largest figure, not the sum.
                LastValues(series, OutboxBacklog).Select(value => (long?)value).Max(),
                LastValues(series, OldestUnsent).Select(value => (double?)value).Max(),
                (long)failures.Sum(s => s[^1].Value ?? 0),
                (long)failures.Sum(s => CounterDelta(s, since)),
                (long)LastValues(series, DeadLettered).Sum()));
        }

        return rows;
    }

    /// <summary>The value at quantile <paramref name="q"/> of a histogram, interpolated inside its bucket; null when empty.</summary>
    public static double? Percentile(HistogramDelta? histogram, double q)
    {
        if (histogram is null || histogram.Count == 0)
        {
            return null;
        }

        var rank = q * histogram.Count;
        ulong seen = 0;
        for (var i = 0; i < histogram.Buckets.Count; i++)
        {
            var inBucket = histogram.Buckets[i];
            if (inBucket == 0 || seen + inBucket < rank)
            {
                seen += inBucket;
                continue;
            }

            var lower = i == 0 ? 0 : histogram.Bounds[i - 1];
            // The last bucket is unbounded: its lower bound is the best we can say.
            var upper = i < histogram.Bounds.Count ? histogram.Bounds[i] : lower;
            var fraction = (rank - seen) / inBucket;
            return Math.Round(lower + (upper - lower) * Math.Clamp(fraction, 0, 1), 6);
        }

        return histogram.Bounds.Count > 0 ? histogram.Bounds[^1] : null;
    }

    public sealed record HistogramDelta(ulong Count, IReadOnlyList<double> Bounds, IReadOnlyList<ulong> Buckets, IReadOnlyDictionary<string, string> Attributes, string Unit);

    private static HistogramDelta DeltaOver(List<MetricPoint> series, DateTimeOffset since)
    {
        var last = series[^1];
        var baseline = series.LastOrDefault(point => point.Time <= since);
        var lastBuckets = last.Buckets ?? [];
        // A count lower than the baseline's means the process restarted: the whole last figure is new.
        if (baseline is null || baseline.Count > last.Count || baseline.Buckets is null || baseline.Buckets.Count != lastBuckets.Count)
        {
            return new HistogramDelta(last.Count ?? 0, last.Bounds ?? [], lastBuckets, last.Attributes, last.Unit);
        }

        var buckets = lastBuckets.Select((count, i) => count >= baseline.Buckets[i] ? count - baseline.Buckets[i] : count).ToList();
        return new HistogramDelta((last.Count ?? 0) - (baseline.Count ?? 0), last.Bounds ?? [], buckets, last.Attributes, last.Unit);
    }

    /// <summary>The window's histograms of one resource as one (same bounds: the SDK's defaults or the service's view).</summary>
    private static HistogramDelta? Merge(List<HistogramDelta> deltas)
    {
        var withCounts = deltas.Where(delta => delta.Count > 0).ToList();
        if (withCounts.Count == 0)
        {
            return null;
        }

        var bounds = withCounts[0].Bounds;
        var buckets = new ulong[withCounts[0].Buckets.Count];
        ulong count = 0;
        foreach (var delta in withCounts.Where(delta => delta.Bounds.SequenceEqual(bounds) && delta.Buckets.Count == buckets.Length))
        {
            count += delta.Count;
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += delta.Buckets[i];
            }
        }

        return new HistogramDelta(count, bounds, buckets, new Dictionary<string, string>(), withCounts[0].Unit);
    }

    private static double CounterDelta(List<MetricPoint> series, DateTimeOffset since)
    {
        var last = series[^1].Value ?? 0;
        var baseline = series.LastOrDefault(point => point.Time <= since)?.Value ?? 0;
        return last >= baseline ? last - baseline : last;
    }

    private static IEnumerable<double> LastValues(List<List<MetricPoint>> series, string name) =>
        series.Where(s => s[0].Name == name).Select(s => s[^1].Value ?? 0);

    private static double? Milliseconds(double? value, double scale) => value is { } v ? Math.Round(v * scale, 3) : null;

    /// <summary>Health and liveness probes (the AppHost's, the gateway's) are not the traffic ops watch.</summary>
    private static bool IsProbe(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue("http.route", out var route) && route is "/health" or "/alive";

    private static bool IsServerError(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue("http.response.status_code", out var code) &&
        int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) && status >= 500;

    private static string AttributeKey(IReadOnlyDictionary<string, string> attributes) =>
        string.Join('\u001f', attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
