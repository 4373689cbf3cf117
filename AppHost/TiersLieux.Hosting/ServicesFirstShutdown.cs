using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting;

/// <summary>
/// When the AppHost stops, DCP deletes every resource at once: the servers would go while the services still hold
/// their connections (measured: PostgreSQL gone 2–4 s before the last service). Registered after Aspire's own
/// services, this one is stopped before them and first stops every project (all replicas, each stop awaited by
/// DCP), so the services end before the servers they use. A killed AppHost skips it: then DCP stops all at once and
/// the servers' scripts wait a few seconds for their clients.
/// </summary>
internal sealed partial class ServicesFirstShutdown(DistributedApplicationModel model, ResourceCommandService commands, ILogger<ServicesFirstShutdown> logger)
    : IHostedService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once: Aspire.Hosting.Testing stops the host twice (its factory's dispose, then the application's StopAsync),
        // and stop commands sent to projects already stopped waited the whole limit (every test platform's dispose
        // took 30 s, its projects stopped after 3).
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var projects = model.Resources.OfType<ProjectResource>().ToList();
        LogStopping(projects.Count);
        try
        {
            await Task.WhenAll(projects.Select(project => commands.ExecuteCommandAsync(project, KnownResourceCommands.StopCommand, limit.Token)));
        }
        catch (OperationCanceledException)
        {
            // Past the limit: DCP's own teardown stops whatever is left.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping {Count} projects before the servers they use")]
    private partial void LogStopping(int count);
}
