using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Messaging.Jobs;

/// <summary>
/// Work that happens on time without a request (expiring subscriptions, announcing due maintenance, completing
/// bookings): a pass at start, then one every <see cref="Interval"/> of <see cref="TimeProvider"/> time (a fake clock
/// in tests moves it), passes repeated at once while they report a backlog. A failed pass is logged and retried at
/// the next tick; the service keeps running.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; true when there is more to do right away (a batch came back full).</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                // One trace per pass, named after the job, rather than loose database spans with no root.
                using var pass = Source.StartActivity($"job {GetType().Name}");
                while (await RunOnceAsync(stoppingToken))
                {
                    // A backlog (after downtime): keep going.
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(error, "{Job} failed; next attempt at the next tick", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
