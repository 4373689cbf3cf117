using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A publisher waits for its consumers only until it has once been healthy on a state directory (their queues are in
/// the broker's kept data from then on); a fresh state waits again.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_publisher_waits_for_its_consumers_on_the_first_start_only_and_again_after_fresh()
    {
        var state = LocalServers.NewStateDirectory();
        var marker = Path.Combine(state, FirstStartBuilderExtensions.MarkerFileName);
        try
        {
            await using (var first = await BuildAsync(state, fresh: false))
            {
                Assert.Equal(["consumer"], WaitsOfPublisher(first));
                Assert.False(File.Exists(marker));
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await first.StartAsync(timeout.Token);
                await first.ResourceNotifications.WaitForResourceHealthyAsync("publisher", timeout.Token);
                await TestWait.UntilAsync(() => File.Exists(marker), TimeSpan.FromMinutes(1));
                await first.StopAsync(timeout.Token);
            }

            await ProcessScan.WaitUntilNoneMentionAsync(state, TimeSpan.FromSeconds(60));
            await using (var warm = await BuildAsync(state, fresh: false))
            {
                Assert.Empty(WaitsOfPublisher(warm));
            }

            await using (var fresh = await BuildAsync(state, fresh: true))
            {
                Assert.Equal(["consumer"], WaitsOfPublisher(fresh));
                Assert.False(File.Exists(marker));
            }
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }

    /// <summary>Two long-running executables; the state directory in their environment, so that a leftover is found.</summary>
    private static async Task<DistributedApplication> BuildAsync(string state, bool fresh)
    {
        var builder = DistributedApplicationTestingBuilder.Create($"--State:Directory={state}", $"--State:Fresh={(fresh ? "true" : "false")}");
        var consumer = builder.AddExecutable("consumer", "sleep", state, "600").WithEnvironment("TIERSLIEUX_TEST_STATE", state);
        builder.AddExecutable("publisher", "sleep", state, "600").WithEnvironment("TIERSLIEUX_TEST_STATE", state)
            .WaitForOnFirstStart(consumer);
        return await builder.BuildAsync();
    }

    private static string[] WaitsOfPublisher(DistributedApplication app) =>
        [.. app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "publisher")
            .Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name)];
}
