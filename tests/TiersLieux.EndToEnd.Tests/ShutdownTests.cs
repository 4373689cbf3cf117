using System.Diagnostics;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>Each of these starts a whole AppHost of its own: alone, after the other collections, so they do not queue for the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ShutdownCollection
{
    public const string Name = "shutdown";
}

/// <summary>
/// However the AppHost is stopped (a terminal's Ctrl+C, a supervisor's SIGINT to its process group, SIGTERM, or
/// SIGKILL of the AppHost alone), the services stop before the servers they use, PostgreSQL shuts down cleanly,
/// RabbitMQ and its epmd stop, and no process of the platform is left: not DCP, the dashboard, a service, postgres,
/// beam or epmd. The AppHost runs as ./run.sh runs it, in a session of its own: the first way on a new state
/// directory, each next one warm on the state the last left (<see cref="KeptPlatformState"/>).
/// </summary>
[Collection(ShutdownCollection.Name)]
public sealed class ShutdownTests(KeptPlatformState kept) : IClassFixture<KeptPlatformState>
{
    public static TheoryData<string> Ways => ["SIGTERM to the AppHost", "SIGINT to its process group", "Ctrl+C in a terminal", "SIGKILL to the AppHost"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Stopping_the_AppHost_stops_services_before_servers_shuts_PostgreSQL_down_cleanly_and_leaves_nothing(string way)
    {
        var (state, fresh) = kept.Take();
        using var terminal = way.StartsWith("Ctrl+C", StringComparison.Ordinal) ? await Terminal.StartAsync(state, fresh) : null;
        await using var appHost = terminal is null ? AppHostProcess.Start(stateDirectory: state, fresh: fresh) : null;
        // A bound, not a slack: a run beside other heavy work once needed more than 4 min for membership's first start.
        if (appHost is not null)
        {
            await appHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(8));
        }
        else
        {
            await terminal!.WaitUntilHealthyAsync(TimeSpan.FromMinutes(8));
        }

        var root = appHost?.Process.Pid ?? terminal!.AppHostPid();
        var platform = PlatformProcesses.Of(root, state);
        // Names as the kernel keeps them (/proc/<pid>/comm: the first 15 characters).
        foreach (var kind in new[] { "dcp", "Aspire.Dashboar", "postgres", "beam.smp", "epmd", "TiersLieux.Gate", "TiersLieux.Book" })
        {
            Assert.Contains(platform, process => process.Name == kind);
        }

        var watch = PlatformProcesses.WatchExits(platform);
        switch (way)
        {
            case "SIGTERM to the AppHost":
                Assert.Equal(0, await appHost!.SignalAsync(Signals.SigTerm, TimeSpan.FromSeconds(90), wholeGroup: false));
                break;
            case "SIGINT to its process group":
                await appHost!.SignalAsync(2, TimeSpan.FromSeconds(90), wholeGroup: true);
                break;
            case "Ctrl+C in a terminal":
                await terminal!.PressCtrlCAsync();
                break;
            default:
                Signals.Send(root, Signals.SigKill);
                break;
        }

        var exits = await watch.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Empty(exits.Where(exit => exit.Value is null).Select(exit => $"{exit.Key.Pid} {exit.Key.Name} still running"));
        Assert.Empty(ProcessScan.Mentioning(state));

        // Services before servers: every service process had exited when the postgres server and the broker did.
        var lastService = exits.Where(exit => exit.Key.Name.StartsWith("TiersLieux.", StringComparison.Ordinal)).Max(exit => exit.Value!.Value);
        var postmaster = exits.Where(exit => exit.Key.Name == "postgres").Max(exit => exit.Value!.Value);
        // A loaded run once saw two beam.smp in the snapshot (a short-lived Erlang helper beside the node): the
        // broker's node is the last of them to exit.
        var broker = exits.Where(exit => exit.Key.Name == "beam.smp").Max(exit => exit.Value!.Value);
        if (way != "SIGKILL to the AppHost")
        {
            Assert.True(lastService <= postmaster, $"postgres stopped {(lastService - postmaster).TotalMilliseconds} ms before the last service");
            Assert.True(lastService <= broker, $"RabbitMQ stopped {(lastService - broker).TotalMilliseconds} ms before the last service");
        }

        Assert.Equal("shut down", PostgresCluster.State(Path.Combine(state, "postgres", "data")));
        kept.Keep(state);
    }
}
