using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting;

/// <summary>
/// Until the platform is healthy, tells the console what it still waits for: a resource that failed to start or exited
/// at once, and every half minute the resources not yet running and healthy. Without it a start that never ends
/// (a port taken, a server that crashed) shows nothing on the console but the dashboard's address. Every
/// <see cref="FullReportTicks"/> periods it prints every resource of the model, ready or not, with what each waiting
/// one waits for and the last line Aspire wrote to its log ("Waiting for resource ready to execute for …"): a start
/// stuck with every server "ready" (a readiness handler that never ended, a state never published) is then
/// diagnosable from the console alone, as in a test's failure message.
/// </summary>
internal static partial class StartWatch
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private const int FullReportTicks = 4;

    public static async Task RunAsync(ResourceNotificationService notifications, ResourceLoggerService logs, DistributedApplicationModel model, ILogger logger, CancellationToken ready)
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
            var ticks = 0;
            while (await timer.WaitForNextTickAsync(ready))
            {
                if (++ticks % FullReportTicks == 0)
                {
                    var lastLines = new Dictionary<string, string>();
                    foreach (var change in latest.Values.Where(change => change.Snapshot.State?.Text == KnownResourceStates.Waiting))
                    {
                        if (await LastLogLineAsync(logs, change.ResourceId, ready) is { } line)
                        {
                            lastLines[change.ResourceId] = line;
                        }
                    }

                    LogEveryResource(logger, ticks * (int)Period.TotalSeconds, FullReport(model.Resources, latest.Values, lastLines));
                }

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

    /// <summary>
    /// Every resource of the model but parameters: each instance's state and health, the checks not healthy, and for
    /// a resource that waits, the state of each resource it waits for and the last line of each waiting instance's
    /// log (<paramref name="lastLogLines"/>, by resource id). A resource with no snapshot at all says so.
    /// </summary>
    internal static string FullReport(IEnumerable<IResource> resources, IEnumerable<ResourceEvent> latest, IReadOnlyDictionary<string, string>? lastLogLines = null)
    {
        var byResource = latest.GroupBy(change => change.Resource).ToDictionary(group => group.Key, group => group.ToList());
        string StateOf(IResource resource) => byResource.TryGetValue(resource, out var instances)
            ? string.Join(" / ", instances.OrderBy(change => change.ResourceId, StringComparer.Ordinal).Select(change => Describe(change.Snapshot)))
            : "no snapshot";
        var lines = new List<string>();
        foreach (var resource in resources.Where(resource => resource is not ParameterResource).OrderBy(resource => resource.Name, StringComparer.Ordinal))
        {
            var line = $"{resource.Name}: {StateOf(resource)}";
            var failing = byResource.GetValueOrDefault(resource, []).SelectMany(change => change.Snapshot.HealthReports)
                .Where(report => report.Status is not HealthStatus.Healthy).Select(report => $"{report.Name} {report.Status?.ToString() ?? "pending"}").Distinct().ToList();
            if (failing.Count > 0)
            {
                line += $" [{string.Join(", ", failing)}]";
            }

            var waits = resource.Annotations.OfType<WaitAnnotation>().Select(wait => $"{wait.Resource.Name} ({StateOf(wait.Resource)})").ToList();
            if (waits.Count > 0 && byResource.GetValueOrDefault(resource, []).Any(change => change.Snapshot.State?.Text == KnownResourceStates.Waiting))
            {
                line += $"; waits for {string.Join(", ", waits)}";
            }

            foreach (var change in byResource.GetValueOrDefault(resource, []).OrderBy(change => change.ResourceId, StringComparer.Ordinal))
            {
                if (lastLogLines?.GetValueOrDefault(change.ResourceId) is { } logLine)
                {
                    line += $"; last log of {change.ResourceId}: \"{logLine}\"";
                }
            }

            lines.Add(line);
        }

        return string.Join("; ", lines);
    }

    /// <summary>
    /// The last line the AppHost wrote to a resource's log: Aspire's own lines about what the resource waits for. Only
    /// the first batch is read (what the AppHost wrote); the rest is the process's console, which a resource still
    /// waiting has not got.
    /// </summary>
    internal static async Task<string?> LastLogLineAsync(ResourceLoggerService logs, string resourceId, CancellationToken cancellationToken)
    {
        await foreach (var batch in logs.GetAllAsync(resourceId).WithCancellation(cancellationToken))
        {
            return batch.Count > 0 ? batch[^1].Content : null;
        }

        return null;
    }

    private static bool IsReady(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is null || snapshot.State.Text == KnownResourceStates.Finished || snapshot.IsHidden
        || (snapshot.State.Text == KnownResourceStates.Running && snapshot.HealthStatus is null or HealthStatus.Healthy);

    private static string Describe(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running ? $"running, {snapshot.HealthStatus?.ToString().ToLowerInvariant() ?? "no health yet"}" : snapshot.State?.Text ?? "no state";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} {State} (exit code {ExitCode}): its console log is on the dashboard's Console page")]
    private static partial void LogFailed(ILogger logger, string resource, string state, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still starting after {Seconds} s; every resource: {Resources}")]
    private static partial void LogEveryResource(ILogger logger, int seconds, string resources);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still starting; not yet running and healthy: {Resources}")]
    private static partial void LogWaiting(ILogger logger, string resources);
}
