using System.Globalization;
using Aspire.Hosting.ApplicationModel;
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
        // the launcher's notification, after the session exists): wait for every instance to have one.
        try
        {
            await TestWait.UntilAsync(() => Instances() is var instances && instances.Count == projects.Length + 2
                && instances.All(instance => PlatformAppHost.IsRunningAndHealthy(instance) && PlatformAppHost.Pid(instance) > 0), TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"Not every project instance is running with a pid: {string.Join(", ", Instances().Select(instance =>
                $"{instance.ResourceId}={instance.Snapshot.State?.Text}/{instance.Snapshot.HealthStatus}/pid {PlatformAppHost.Pid(instance)}"))}", timedOut);
        }

        foreach (var instance in Instances())
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

    private static (int Parent, int Session) ParentAndSession(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
