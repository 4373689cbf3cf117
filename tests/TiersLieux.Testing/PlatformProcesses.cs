using System.Globalization;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>A process of the platform: its id and its name as the kernel knows it (/proc/&lt;pid&gt;/comm, 15 characters).</summary>
public sealed record PlatformProcess(int Pid, string Name, int Parent, string CommandLine)
{
    /// <summary>One variable of the process's environment (/proc/&lt;pid&gt;/environ), if readable.</summary>
    public string? Variable(string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{Pid}/environ").Split('\0').FirstOrDefault(entry => entry.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// The processes of one running AppHost: its descendants, DCP (which detaches, and names the AppHost it watches in
/// <c>--monitor &lt;pid&gt;</c>) and DCP's descendants, and whatever mentions the AppHost's state directory.
/// </summary>
public static class PlatformProcesses
{
    public static IReadOnlyList<PlatformProcess> Of(int appHost, string stateDirectory)
    {
        var table = ProcessTable.Where(_ => true).ToDictionary(process => process.Pid);
        var roots = new HashSet<int> { appHost };
        foreach (var (pid, entry) in table)
        {
            if (entry.Name == "dcp" && entry.CommandLine.Contains($"--monitor {appHost.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal))
            {
                roots.Add(pid);
            }
        }

        var found = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, entry) in table)
            {
                if (!found.Contains(pid) && (found.Contains(entry.Parent) || entry.CommandLine.Contains(stateDirectory, StringComparison.Ordinal)))
                {
                    grew |= found.Add(pid);
                }
            }
        }

        return [.. found.Where(table.ContainsKey).Select(pid => new PlatformProcess(pid, table[pid].Name, table[pid].Parent, table[pid].CommandLine))];
    }

    /// <summary>Watches every process until it is gone: when each one exited, or null for those still alive at the end.</summary>
    public static ExitWatch WatchExits(IReadOnlyList<PlatformProcess> processes) => new(processes);

    public sealed class ExitWatch
    {
        private readonly Dictionary<PlatformProcess, DateTimeOffset?> _exits;
        private readonly Task _watching;
        private readonly CancellationTokenSource _stop = new();

        internal ExitWatch(IReadOnlyList<PlatformProcess> processes)
        {
            _exits = processes.ToDictionary(process => process, _ => (DateTimeOffset?)null);
            _watching = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested && _exits.ContainsValue(null))
                {
                    foreach (var process in _exits.Keys.ToList())
                    {
                        if (_exits[process] is null && !Signals.IsAlive(process.Pid))
                        {
                            _exits[process] = DateTimeOffset.UtcNow;
                        }
                    }

                    await Task.Delay(20);
                }
            });
        }

        /// <summary>Until every process is gone or <paramref name="timeout"/>; then each process's exit time.</summary>
        public async Task<IReadOnlyDictionary<PlatformProcess, DateTimeOffset?>> WaitAsync(TimeSpan timeout)
        {
            await Task.WhenAny(_watching, Task.Delay(timeout));
            await _stop.CancelAsync();
            await _watching;
            return _exits;
        }
    }
}
