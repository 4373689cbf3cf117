using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>The messaging resource's dead letters: Degraded while an _error queue holds one, and replayed by its command.</summary>
public sealed class DeadLetterReplayTests
{
    [Fact]
    public async Task A_poison_message_fixed_by_a_new_consumer_version_is_replayed_by_the_command_and_applied_once()
    {
        var state = LocalServers.NewStateDirectory();
        var app = await LocalServers.StartAsync(state);
        var consumer = new PoisonConsumer();
        var broker = new Uri((await app.GetConnectionStringAsync("messaging", TestContext.Current.CancellationToken))!);
        var bus = Bus.Factory.CreateUsingRabbitMq(configure =>
        {
            configure.Host(broker);
            // No retry: the first failure moves the message to hosting-poison_error, as every retry exhausted would.
            configure.ReceiveEndpoint("hosting-poison", endpoint => endpoint.Consumer(() => consumer));
        });
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var id = Guid.NewGuid();
            await bus.Publish(new PoisonMessageSent(id), TestContext.Current.CancellationToken);
            await app.ResourceNotifications.WaitForResourceAsync("messaging-dead-letters",
                change => change.Snapshot.HealthStatus == HealthStatus.Degraded, TestContext.Current.CancellationToken);
            Assert.Equal(0, consumer.Applied(id));

            consumer.Fixed = true;
            var messaging = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "messaging");
            var result = await app.Services.GetRequiredService<ResourceCommandService>()
                .ExecuteCommandAsync(messaging, LocalRabbitMQBuilderExtensions.ReplayDeadLettersCommand, TestContext.Current.CancellationToken);

            Assert.True(result.Success, result.Message);
            Assert.Contains("1 back to hosting-poison", result.Message, StringComparison.Ordinal);
            await TestWait.UntilAsync(() => consumer.Applied(id) == 1, TimeSpan.FromSeconds(60));
            await app.ResourceNotifications.WaitForResourceAsync("messaging-dead-letters",
                change => change.Snapshot.HealthStatus == HealthStatus.Healthy, TestContext.Current.CancellationToken);
            Assert.Equal(1, consumer.Applied(id));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
            await LocalServers.StopAsync(app, state);
        }
    }
}
