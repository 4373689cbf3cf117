using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TiersLieux.Hosting;

/// <summary>
/// A resource's health check while the resource starts: a report other than Healthy is checked again every
/// <see cref="Interval"/> for up to <see cref="Patience"/> before it is returned, and Aspire pauses at most 5 s before it
/// asks again, so most of the time a resource is seen healthy within a quarter second of being so. Once the check has
/// been Healthy it is passed through as it is: a resource that fails later is reported at once.
/// </summary>
internal sealed class StartingHealthCheck(IHealthCheck check, StartingHealthCheck.Progress progress, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await check.CheckHealthAsync(context, cancellationToken);
        if (progress.HasBeenHealthy)
        {
            return result;
        }

        var deadline = time.GetUtcNow() + Patience;
        while (result.Status != HealthStatus.Healthy && time.GetUtcNow() + Interval <= deadline)
        {
            await Task.Delay(Interval, time, cancellationToken);
            result = await check.CheckHealthAsync(context, cancellationToken);
        }

        progress.HasBeenHealthy |= result.Status == HealthStatus.Healthy;
        return result;
    }

    /// <summary>Whether the resource's check has been Healthy once (kept across the check's instances, made per run).</summary>
    internal sealed class Progress
    {
        public bool HasBeenHealthy { get; set; }
    }
}
