using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting;

/// <summary>
/// Until the platform is healthy, tells the console what it still waits for: a resource that failed to start or exited
/// at once, and every half minute the resources not yet running and healthy. Without it a start that never ends
/// (a port taken, a server that crashed) shows nothing on the console but the dashboard's address.
/// </summary>
internal static partial class StartWatch
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(ResourceNotificationService notifications, ILogger logger, CancellationToken ready)
    {
        var latest = new ConcurrentDictionary<string, ResourceEvent>();
        var reported = new ConcurrentDictionary<string, string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in notifications.WatchAsync(ready))
            {
                latest[change.ResourceId] = change;
                var state = change.Snapshot.State?.Text;
                if (state == KnownResourceStates.FailedToStart
                    || (state == KnownResourceStates.Exited && change.Snapshot.ExitCode is not (null or 0)))
                {
                    if (reported.TryAdd(change.ResourceId, state))
                    {
                        LogFailed(logger, change.ResourceId, state, change.Snapshot.ExitCode);
                    }
                }
            }
        }, ready);

        try
        {
            using var timer = new PeriodicTimer(Period);
            while (await timer.WaitForNextTickAsync(ready))
            {
                var waiting = latest.Values
                    .Where(change => change.Resource is not ParameterResource && !IsReady(change.Snapshot))
                    .Select(change => $"{change.ResourceId} ({Describe(change.Snapshot)})")
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (waiting.Count > 0)
                {
                    LogWaiting(logger, string.Join(", ", waiting));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            await watching;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsReady(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is null || snapshot.State.Text == KnownResourceStates.Finished || snapshot.IsHidden
        || (snapshot.State.Text == KnownResourceStates.Running && snapshot.HealthStatus is null or HealthStatus.Healthy);

    private static string Describe(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running ? $"running, {snapshot.HealthStatus?.ToString().ToLowerInvariant() ?? "no health yet"}" : snapshot.State?.Text ?? "no state";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} {State} (exit code {ExitCode}): its console log is on the dashboard's Console page")]
    private static partial void LogFailed(ILogger logger, string resource, string state, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still starting; not yet running and healthy: {Resources}")]
    private static partial void LogWaiting(ILogger logger, string resources);
}
