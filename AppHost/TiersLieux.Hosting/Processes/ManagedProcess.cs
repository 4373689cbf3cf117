using System.Diagnostics;

namespace TiersLieux.Hosting.Processes;

/// <summary>A child process whose output goes to a <see cref="LogBuffer"/> and whose exit can be awaited.</summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly LogBuffer _log;

    private ManagedProcess(Process process, LogBuffer log)
    {
        _process = process;
        _log = log;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data, isError: true); } };
    }

    public int Pid { get; private set; }

    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ManagedProcess Start(string fileName, IEnumerable<string> arguments, LogBuffer log,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, IEnumerable<string>? removeEnvironment = null)
    {
        var managed = Create(fileName, arguments, log, workingDirectory, environment, removeEnvironment);
        managed._process.Start();
        managed.Begin();
        return managed;
    }

    /// <summary>
    /// The same, with the fork left to <paramref name="fork"/> (the project launcher forks from a thread of its own:
    /// Linux counts the forking thread as the parent a child's parent-death signal watches).
    /// </summary>
    internal static async Task<ManagedProcess> StartAsync(string fileName, IEnumerable<string> arguments, LogBuffer log, Func<Process, Task> fork,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, IEnumerable<string>? removeEnvironment = null)
    {
        var managed = Create(fileName, arguments, log, workingDirectory, environment, removeEnvironment);
        try
        {
            await fork(managed._process);
        }
        catch
        {
            managed._process.Dispose();
            throw;
        }

        managed.Begin();
        return managed;
    }

    private static ManagedProcess Create(string fileName, IEnumerable<string> arguments, LogBuffer log,
        string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, IEnumerable<string>? removeEnvironment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var prefix in removeEnvironment ?? [])
        {
            foreach (var key in info.Environment.Keys.Where(key => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return new ManagedProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, log);
    }

    private void Begin()
    {
        Pid = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Watched only once its output is being read: a process that exits at once (a service that fails its start)
        // may be gone before this line, and its exit must not be reported, nor the process disposed, before its last
        // lines are read. (The Exited event, watched from the start, did that: a crashing project's output was lost.)
        _ = ReportExitAsync();
    }

    private async Task ReportExitAsync()
    {
        await _process.WaitForExitAsync();
        // Both streams are read asynchronously: this overload returns once they are read to their end.
        _process.WaitForExit();
        // In the log it shares with others: a process gone in the middle of a run is then seen where it went.
        _log.Write($"[pid {Pid} exited with code {_process.ExitCode}]", isError: _process.ExitCode != 0);
        _exited.TrySetResult(_process.ExitCode);
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it answers true; fails at once if this process exits meanwhile, and after
    /// <paramref name="timeout"/>. Readiness is a real answer (a query, a connection), not an open port.
    /// </summary>
    public async Task WaitUntilReadyAsync(string what, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                // The last lines say why (a port taken, a bad data directory): put them where the failure is read.
                var tail = string.Join(Environment.NewLine, _log.Read(max: 25).Select(line => "  " + line.Text));
                throw new InvalidOperationException($"{what} exited with code {await Exited} while starting:{Environment.NewLine}{tail}");
            }

            if (await probe(cancellationToken))
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} was not ready within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the process has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        Signals.Send(Pid, Signals.SigTerm);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            Kill();
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        _process.Dispose();
    }
}
