using TiersLieux.Hosting.Telemetry;

namespace TiersLieux.Hosting.Tests;

/// <summary>The metrics page's figures, derived from cumulative series as the OpenTelemetry exporters send them.</summary>
public sealed class ServiceHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1];

    private static MetricPoint Requests(string resource, string instance, DateTimeOffset time, string route, int status, params ulong[] buckets) =>
        new(resource, instance, ServiceHealth.RequestDuration, "s", "histogram", time, null, (ulong)buckets.Sum(b => (long)b), null, Bounds, buckets,
            new Dictionary<string, string> { ["http.route"] = route, ["http.response.status_code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static MetricPoint Number(string resource, string instance, string name, DateTimeOffset time, double value, string? queue = null) =>
        new(resource, instance, name, "{message}", "gauge", time, value, null, null, null, null,
            queue is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["queue"] = queue });

    [Fact]
    public void Requests_in_the_window_are_the_growth_of_each_cumulative_series_summed_over_replicas_without_health_probes()
    {
        var before = Now.AddSeconds(-90);
        var points = new List<MetricPoint>
        {
            // Replica a: 10 requests before the window, 30 at its end → 20 in the window, all between 5 and 10 ms.
            Requests("booking-api", "a", before, "/api/booking/bookings", 200, 0, 10, 0, 0, 0, 0),
            Requests("booking-api", "a", Now.AddSeconds(-1), "/api/booking/bookings", 200, 0, 30, 0, 0, 0, 0),
            // Replica b: its series began inside the window (no earlier point): all 10 count, 5 of them 5xx between 50 and 100 ms.
            Requests("booking-api", "b", Now.AddSeconds(-2), "/api/booking/bookings", 500, 0, 0, 0, 0, 5, 0),
            Requests("booking-api", "b", Now.AddSeconds(-2), "/api/booking/bookings", 200, 0, 5, 0, 0, 0, 0),
            // Probes are not traffic.
            Requests("booking-api", "a", Now.AddSeconds(-1), "/health", 200, 1000, 0, 0, 0, 0, 0),
        };

        var row = Assert.Single(ServiceHealth.Compute(points, Now, TimeSpan.FromSeconds(60)));

        Assert.Equal("booking-api", row.Resource);
        Assert.Equal(2, row.Instances);
        Assert.Equal(30, row.Requests);
        Assert.Equal(0.5, row.RequestsPerSecond);
        Assert.Equal(5, row.ServerErrors);
        Assert.Equal(Math.Round(5d / 30, 4), row.ErrorRate);
        // 25 of 30 in (5 ms, 10 ms]: the median is inside that bucket; the slowest 5 are in (50 ms, 100 ms].
        Assert.InRange(row.P50Ms!.Value, 5, 10);
        Assert.InRange(row.P99Ms!.Value, 50, 100);
        Assert.True(row.P90Ms > 50);
    }

    [Fact]
    public void A_restarted_process_counts_from_zero_and_a_quiet_window_has_no_percentiles()
    {
        var points = new List<MetricPoint>
        {
            Requests("gateway", "x", Now.AddSeconds(-120), "/api/{**rest}", 200, 0, 50, 0, 0, 0, 0),
            // Lower than the baseline: the process restarted and counted 4 since.
            Requests("gateway", "x", Now.AddSeconds(-5), "/api/{**rest}", 200, 4, 0, 0, 0, 0, 0),
            Requests("directory-api", "y", Now.AddSeconds(-120), "/api/directory/places", 200, 7, 0, 0, 0, 0, 0),
            Requests("directory-api", "y", Now.AddSeconds(-5), "/api/directory/places", 200, 7, 0, 0, 0, 0, 0),
        };

        var rows = ServiceHealth.Compute(points, Now, TimeSpan.FromSeconds(60)).ToDictionary(row => row.Resource);

        Assert.Equal(4, rows["gateway"].Requests);
        Assert.InRange(rows["gateway"].P50Ms!.Value, 0, 5);
        Assert.Equal(0, rows["directory-api"].Requests);
        Assert.Null(rows["directory-api"].P50Ms);
    }

    [Fact]
    public void The_outbox_backlog_is_the_largest_replica_figure_and_consumer_failures_add_up_over_queues()
    {
        var points = new List<MetricPoint>
        {
            Number("training-api", "a", ServiceHealth.OutboxBacklog, Now.AddSeconds(-1), 12),
            Number("training-api", "b", ServiceHealth.OutboxBacklog, Now.AddSeconds(-1), 11),
            Number("training-api", "a", ServiceHealth.OldestUnsent, Now.AddSeconds(-1), 4.5),
            Number("training-api", "a", ServiceHealth.ConsumerFailures, Now.AddSeconds(-300), 2, "training-machine-registered"),
            Number("training-api", "a", ServiceHealth.ConsumerFailures, Now.AddSeconds(-1), 5, "training-machine-registered"),
            Number("training-api", "b", ServiceHealth.ConsumerFailures, Now.AddSeconds(-1), 1, "training-member-erased"),
            Number("training-api", "a", ServiceHealth.DeadLettered, Now.AddSeconds(-1), 1, "training-machine-registered"),
        };

        var row = Assert.Single(ServiceHealth.Compute(points, Now, TimeSpan.FromSeconds(60)));

        Assert.Equal(12, row.OutboxBacklog);
        Assert.Equal(4.5, row.OldestUnsentSeconds);
        Assert.Equal(6, row.ConsumerFailures);
        Assert.Equal(4, row.ConsumerFailuresInWindow);
        Assert.Equal(1, row.DeadLettered);
        Assert.Equal(0, row.Requests);
    }

    [Fact]
    public void Percentiles_interpolate_inside_the_bucket_that_holds_the_rank()
    {
        var histogram = new ServiceHealth.HistogramDelta(100, [10, 20, 40], [0, 50, 50, 0], new Dictionary<string, string>(), "ms");

        Assert.Equal(20, ServiceHealth.Percentile(histogram, 0.5));
        Assert.Equal(36, ServiceHealth.Percentile(histogram, 0.9));
        Assert.Equal(15, ServiceHealth.Percentile(histogram, 0.25));
        Assert.Null(ServiceHealth.Percentile(histogram with { Count = 0 }, 0.5));
    }
}
