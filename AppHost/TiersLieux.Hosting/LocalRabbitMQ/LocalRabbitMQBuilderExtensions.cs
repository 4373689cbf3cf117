using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TiersLieux.Hosting;
using TiersLieux.Hosting.LocalRabbitMQ;
using TiersLieux.Hosting.Processes;

namespace Aspire.Hosting;

/// <summary>RabbitMQ as a local executable resource, in the shape of Aspire's <c>AddRabbitMQ</c>.</summary>
public static class LocalRabbitMQBuilderExtensions
{
    public const string ReplayDeadLettersCommand = "replay-dead-letters";

    /// <summary>
    /// Adds a RabbitMQ node run from Debian's rabbitmq-server on 127.0.0.1:<paramref name="port"/>, with the management
    /// UI on <paramref name="managementPort"/> (its URL on the resource) and an epmd of its own; data kept in
    /// <paramref name="dataDirectory"/>. A stop is clean, and neither the node nor its epmd outlives the AppHost
    /// (see Scripts/local-rabbitmq.sh). Queue depths become properties of the resource, dead letters a Degraded child
    /// (<c>&lt;name&gt;-dead-letters</c>), and a command moves them back to their queues.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder,
        [ResourceName] string name, int port, int managementPort, string dataDirectory, IResourceBuilder<ParameterResource> password)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(password);
        var broker = new LocalRabbitMQServerResource(name, dataDirectory, password.Resource);
        var monitor = new QueueMonitor(broker);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(healthCheckKey, _ => new RabbitMQHealthCheck(broker), failureStatus: null, tags: null))
            .Add(new HealthCheckRegistration($"{name}_dead_letters_check", _ => monitor, failureStatus: HealthStatus.Degraded, tags: null));

        builder.Eventing.Subscribe<ResourceReadyEvent>(broker, (@event, cancellationToken) =>
        {
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalRabbitMQBuilderExtensions));
            _ = monitor.RunAsync(@event.Services.GetRequiredService<ResourceNotificationService>(), logger, stopping);
            return Task.CompletedTask;
        });

        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        // Node name, epmd and distribution ports: per broker, so parallel AppHosts (tests, a developer's) never meet.
        var epmdPort = builder.UnusedPort();
        var distributionPort = builder.UnusedPort();
        var resource = builder.AddResource(broker)
            .WithEndpoint(port: port, targetPort: port, scheme: "amqp", name: LocalRabbitMQServerResource.PrimaryEndpointName, isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: LocalRabbitMQServerResource.ManagementEndpointName, isProxied: false)
            // The node listens on 127.0.0.1 only; "localhost" may resolve to ::1 first.
            .WithEndpoint(LocalRabbitMQServerResource.PrimaryEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithEndpoint(LocalRabbitMQServerResource.ManagementEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithUrlForEndpoint(LocalRabbitMQServerResource.ManagementEndpointName, url => url.DisplayText = "Management UI")
            .WithArgs(LocalScripts.RabbitMQ)
            .WithEnvironment("TIERSLIEUX_RABBITMQ_BASE", dataDirectory)
            .WithEnvironment("TIERSLIEUX_RABBITMQ_PORT", broker.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
            .WithEnvironment("TIERSLIEUX_RABBITMQ_MANAGEMENT_PORT", broker.ManagementEndpoint.Property(EndpointProperty.TargetPort))
            .WithEnvironment("TIERSLIEUX_RABBITMQ_PASSWORD", password)
            // One name per data directory (its mnesia is named after it); each broker has an epmd of its own to register with.
            .WithEnvironment("TIERSLIEUX_RABBITMQ_NODENAME", $"{name}@localhost")
            .WithEnvironment("TIERSLIEUX_RABBITMQ_EPMD_PORT", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("TIERSLIEUX_RABBITMQ_DIST_PORT", distributionPort.ToString(CultureInfo.InvariantCulture))
            // A stop that comes once the AppHost is gone is DCP's clean-up, which allows ~6 s: no wait for clients.
            .WithEnvironment(LocalScripts.AppHostPidVariable, LocalScripts.AppHostPid)
            .WithIconName("Mail")
            .WithHealthCheck(healthCheckKey)
            .WithCommand(ReplayDeadLettersCommand, "Replay dead letters", async context =>
            {
                var moved = await monitor.Queues.ReplayDeadLettersAsync(context.CancellationToken);
                await monitor.RefreshAsync(context.Services.GetRequiredService<ResourceNotificationService>(), context.CancellationToken);
                return moved.Count == 0
                    ? new ExecuteCommandResult { Success = true, Message = "No dead letters." }
                    : new ExecuteCommandResult { Success = true, Message = string.Join(", ", moved.Select(queue => $"{queue.Value} back to {queue.Key}")) };
            }, new CommandOptions
            {
                Description = "Moves the messages of every _error queue back to the queue they failed in (after a fixed consumer is deployed).",
                ConfirmationMessage = "Move every dead letter back to its queue?",
                IconName = "ArrowRepeatAll",
                UpdateState = context => context.ResourceSnapshot.HealthStatus is null || context.ResourceSnapshot.State?.Text != KnownResourceStates.Running
                    ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });

        builder.AddResource(new DeadLetterQueuesResource($"{name}-dead-letters", broker))
            .WithIconName("MailWarning")
            .WithHealthCheck($"{name}_dead_letters_check")
            .WithParentRelationship(resource)
            .WithParentState();
        return resource;
    }
}
