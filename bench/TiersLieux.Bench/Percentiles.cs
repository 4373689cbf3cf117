namespace TiersLieux.Bench;

public sealed record LatencySummary(int Count, double RatePerSecond, double P50, double P95, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles of latencies in milliseconds, and the rate the events were applied at.</summary>
    public static LatencySummary Of(IReadOnlyList<double> latenciesMs, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, sorted.Length / elapsed.TotalSeconds, Rank(50), Rank(95), Rank(99), sorted[^1]);
    }
}
