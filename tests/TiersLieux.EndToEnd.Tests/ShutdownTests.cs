using System.Text.Json.Nodes;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task SIGTERM_stops_the_whole_topology_and_leaves_no_process_behind()
    {
        await using var appHost = AppHostProcess.Start(new Projects.TiersLieux_AppHost());
        await appHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
        var resources = await appHost.ResourcesAsync();
        var pids = resources.Select(r => r!["pid"]).OfType<JsonNode>().Select(pid => pid.GetValue<int>()).ToList();
        Assert.Equal(["postgres", "directorydb", "membershipdb", "equipmentdb", "trainingdb", "bookingdb", "messaging", "gateway", "membership-api", "directory-api", "equipment-api", "training-api", "booking-api-0", "booking-api-1", "booking-api-2"], resources.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(10, pids.Count);

        var exitCode = await appHost.StopAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, exitCode);
        Assert.All(pids, pid => Assert.False(Signals.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Empty(ProcessScan.Mentioning(appHost.StateDirectory));
        Assert.Contains("Stopped.", appHost.ConsoleText(), StringComparison.Ordinal);
    }
}
