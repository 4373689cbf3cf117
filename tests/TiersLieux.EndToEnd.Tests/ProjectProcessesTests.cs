using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The AppHost starts every project instance itself, from its build output, through Aspire's run-session protocol
/// (TiersLieux.Hosting.Launcher): one process per replica, no <c>dotnet run</c> wrapper between DCP and the service.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProjectProcessesTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_project_instance_is_its_build_output_started_by_the_AppHost_in_a_session_of_its_own()
    {
        string[] projects = [ResourceNames.Gateway, ResourceNames.MembershipApi, ResourceNames.DirectoryApi, ResourceNames.EquipmentApi,
            ResourceNames.TrainingApi, ResourceNames.BookingApi, ResourceNames.NotificationsApi, ResourceNames.Web];
        List<ResourceEvent> Instances() => [.. projects.SelectMany(platform.AppHost.Instances)];
        // A replica another test has just restarted is published running before its pid is (DCP learns the pid from
        // the launcher's notification, after the session exists): wait for every instance to have one, and read the
        // processes of that very snapshot.
        List<ResourceEvent> instances = [];
        try
        {
            await TestWait.UntilAsync(() => (instances = Instances()).Count == projects.Length + 2
                && instances.All(instance => PlatformAppHost.IsRunningAndHealthy(instance) && PlatformAppHost.Pid(instance) > 0), TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"Not every project instance is running with a pid: {string.Join(", ", Instances().Select(instance =>
                $"{instance.ResourceId}={instance.Snapshot.State?.Text}/{instance.Snapshot.HealthStatus}/pid {PlatformAppHost.Pid(instance)}"))}", timedOut);
        }

        foreach (var instance in instances)
        {
            var pid = PlatformAppHost.Pid(instance)!.Value;
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            // The SDK's native launcher of the project, e.g. …/bin/Release/net10.0/TiersLieux.Booking.Api.
            Assert.StartsWith("TiersLieux.", Path.GetFileName(command[0]), StringComparison.Ordinal);
            Assert.DoesNotContain("run", command);
            // This test process hosts the AppHost (Aspire's testing builder): it is the parent.
            var (parent, session) = ParentAndSession(pid);
            Assert.Equal(Environment.ProcessId, parent);
            Assert.Equal(pid, session);
        }
    }

    /// <summary>
    /// A single-instance service listens on its own port, with no DCP proxy to keep the address while it restarts: the
    /// dashboard's restart command must bring it back on that same port, reachable through the gateway.
    /// </summary>
    [Fact]
    public async Task A_single_instance_service_restarted_from_the_dashboard_answers_again_on_its_own_port()
    {
        var training = platform.AppHost.Instances(ResourceNames.TrainingApi).Single();
        var before = PlatformAppHost.Pid(training);
        var address = platform.AppHost.App.GetEndpoint(ResourceNames.TrainingApi, "http");

        var restarted = await platform.AppHost.ExecuteCommandAsync(training.ResourceId, KnownResourceCommands.RestartCommand);
        Assert.True(restarted.Success, restarted.Message);

        // A new process, then answers from it on the same address and through the gateway (Aspire's health may still
        // show the last report of the old one for a moment).
        await TestWait.UntilAsync(() => platform.AppHost.Instances(ResourceNames.TrainingApi).Single() is var now
            && now.Snapshot.State?.Text == KnownResourceStates.Running && PlatformAppHost.Pid(now) is > 0 and var pid && pid != before, TimeSpan.FromSeconds(90));
        Assert.Equal(address, platform.AppHost.App.GetEndpoint(ResourceNames.TrainingApi, "http"));
        using var direct = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        await TestWait.UntilAsync(async () => await AnswersAsync(direct, "/health"), TimeSpan.FromSeconds(90));
        await TestWait.UntilAsync(async () => await AnswersAsync(platform.Admin, "/api/training/courses"), TimeSpan.FromSeconds(60));
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static (int Parent, int Session) ParentAndSession(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
