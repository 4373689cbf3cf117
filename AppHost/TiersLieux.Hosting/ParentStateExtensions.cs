using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TiersLieux.Hosting;

/// <summary>
/// Aspire gives a container's children (databases of a PostgreSQL container) the container's state, but not an
/// executable's: a child resource of our local executables follows its parent's state this way, so that its health
/// checks run and <c>WaitFor(child)</c> works as it does for Aspire's own databases.
/// </summary>
public static class ParentStateExtensions
{
    public static IResourceBuilder<T> WithParentState<T>(this IResourceBuilder<T> child) where T : IResourceWithParent
    {
        ArgumentNullException.ThrowIfNull(child);
        child.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowAsync(notifications, child.Resource, stopping);
            return Task.CompletedTask;
        });
        return child;
    }

    private static async Task FollowAsync(ResourceNotificationService notifications, IResourceWithParent child, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                if (change.Resource == child.Parent && change.Snapshot.State is { } state)
                {
                    await notifications.PublishUpdateAsync(child, snapshot => snapshot with
                    {
                        State = state,
                        StartTimeStamp = change.Snapshot.StartTimeStamp,
                        StopTimeStamp = change.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }
}
