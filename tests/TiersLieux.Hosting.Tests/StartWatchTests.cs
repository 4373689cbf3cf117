using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// The console's full report of a start that takes long: every resource of the model, one that never had a state
/// included, and for one that waits, the state of what it waits for, on snapshots as Aspire's own notification
/// service makes them.
/// </summary>
public sealed class StartWatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_full_report_names_every_resource_and_what_a_waiting_one_waits_for()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var server = builder.AddResource(new Tool("server"));
        var database = builder.AddResource(new Tool("database"));
        var service = builder.AddResource(new Tool("service")).WaitFor(database).WaitFor(server);
        builder.AddParameter("secret", "value", secret: true);
        await using var app = await builder.BuildAsync(Cancel);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();

        await notifications.PublishUpdateAsync(server.Resource, snapshot => snapshot with { State = KnownResourceStates.Running });
        await notifications.PublishUpdateAsync(service.Resource, snapshot => snapshot with { State = KnownResourceStates.Waiting });
        var latest = await LatestAsync(notifications, (server.Resource, KnownResourceStates.Running), (service.Resource, KnownResourceStates.Waiting));

        var report = StartWatch.FullReport(app.Services.GetRequiredService<DistributedApplicationModel>().Resources, latest);

        Assert.Equal(
            "database: no snapshot; server: running, healthy; service: Waiting; waits for database (no snapshot), server (running, healthy)",
            report);
    }

    [Fact]
    public async Task The_full_report_gives_the_last_line_aspire_wrote_to_a_waiting_resource_log()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var server = builder.AddResource(new Tool("server"));
        var service = builder.AddResource(new Tool("service")).WaitFor(server);
        await using var app = await builder.BuildAsync(Cancel);
        // Started: Aspire reads a resource's whole log only once its orchestrator (DCP) runs.
        await app.StartAsync(Cancel);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        await notifications.PublishUpdateAsync(server.Resource, snapshot => snapshot with { State = KnownResourceStates.Running });
        await notifications.PublishUpdateAsync(service.Resource, snapshot => snapshot with { State = KnownResourceStates.Waiting });
        var latest = await LatestAsync(notifications, (server.Resource, KnownResourceStates.Running), (service.Resource, KnownResourceStates.Waiting));
        // What Aspire writes while a dependency is healthy but its readiness handlers have not ended.
        logs.GetLogger(service.Resource).LogInformation("Waiting for resource '{Name}' to become healthy.", "server");
        logs.GetLogger(service.Resource).LogInformation("Waiting for resource ready to execute for '{Name}'.", "server");

        var lastLine = await StartWatch.LastLogLineAsync(logs, "service", Cancel);
        var report = StartWatch.FullReport(app.Services.GetRequiredService<DistributedApplicationModel>().Resources, latest,
            new Dictionary<string, string> { ["service"] = lastLine! });

        Assert.EndsWith("Waiting for resource ready to execute for 'server'.", lastLine);
        Assert.Equal(
            $"server: running, healthy; service: Waiting; waits for server (running, healthy); last log of service: \"{lastLine}\"",
            report);
        Assert.Null(await StartWatch.LastLogLineAsync(logs, "server", Cancel));
    }

    /// <summary>The latest event of each resource once each has reached its state.</summary>
    private static async Task<List<ResourceEvent>> LatestAsync(ResourceNotificationService notifications, params (IResource Resource, string State)[] expected)
    {
        var latest = new Dictionary<string, ResourceEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        await foreach (var change in notifications.WatchAsync(timeout.Token))
        {
            latest[change.ResourceId] = change;
            if (expected.All(e => latest.Values.Any(change => change.Resource == e.Resource && change.Snapshot.State?.Text == e.State)))
            {
                return [.. latest.Values];
            }
        }

        throw new InvalidOperationException("the states were never published");
    }

    private sealed class Tool(string name) : Resource(name), IResourceWithWaitSupport;
}
