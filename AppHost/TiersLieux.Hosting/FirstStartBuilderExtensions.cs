using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TiersLieux.Hosting;

/// <summary>
/// Waits that only a platform's first start needs. The broker drops an event no queue is bound to, and a consumer's
/// queues exist only once its bus has started: on the first start a publisher must wait for its consumers. The
/// broker keeps its queues in the state directory, so every later start finds them there and the publisher starts
/// beside its consumers (the start is shorter by the publisher's own start and a health check's poll).
/// </summary>
public static class FirstStartBuilderExtensions
{
    /// <summary>Written in the state directory once the publisher has been healthy, i.e. once its consumers were.</summary>
    public const string MarkerFileName = "consumers-bound";

    /// <summary>
    /// On a state directory where <paramref name="publisher"/> has never been healthy (the first start, or after
    /// <c>--fresh</c>), it waits for every one of <paramref name="consumers"/> to be healthy; once it is healthy a
    /// marker in the state directory says so and later starts do not wait. In publish mode the waits are declared.
    /// </summary>
    public static IResourceBuilder<T> WaitForOnFirstStart<T>(this IResourceBuilder<T> publisher, params IResourceBuilder<IResource>[] consumers)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(consumers);
        var builder = publisher.ApplicationBuilder;
        var marker = builder.ExecutionContext.IsRunMode ? Path.Combine(builder.StateDirectory(), MarkerFileName) : null;
        if (marker is not null && File.Exists(marker))
        {
            return publisher;
        }

        foreach (var consumer in consumers)
        {
            publisher.WaitFor(consumer);
        }

        if (marker is null)
        {
            return publisher;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await notifications.WaitForResourceHealthyAsync(publisher.Resource.Name, stopping);
                    await File.WriteAllTextAsync(marker,
                        $"{publisher.Resource.Name} was healthy at {DateTimeOffset.UtcNow:O}, after {string.Join(", ", consumers.Select(consumer => consumer.Resource.Name))}: their queues are in the broker.\n",
                        stopping);
                }
                catch (OperationCanceledException)
                {
                    // Stopped before the publisher was healthy: the next start waits again.
                }
            }, stopping);
            return Task.CompletedTask;
        });
        return publisher;
    }
}
