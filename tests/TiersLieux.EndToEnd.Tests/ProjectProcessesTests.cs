using System.Globalization;
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
    public void Every_project_instance_is_its_build_output_started_by_the_AppHost_in_a_session_of_its_own()
    {
        string[] projects = [ResourceNames.Gateway, ResourceNames.MembershipApi, ResourceNames.DirectoryApi, ResourceNames.EquipmentApi,
            ResourceNames.TrainingApi, ResourceNames.BookingApi, ResourceNames.NotificationsApi, ResourceNames.Web];
        var instances = projects.SelectMany(platform.AppHost.Instances).ToList();
        Assert.Equal(projects.Length + 2, instances.Count);
        foreach (var instance in instances)
        {
            var pid = PlatformAppHost.Pid(instance) ?? throw new InvalidOperationException($"{instance.ResourceId} has no pid");
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
