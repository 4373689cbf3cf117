using System.Collections.Concurrent;
using System.Diagnostics;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// Starts the projects' processes from one thread that lives as long as the AppHost. Each child asks the kernel
/// (<c>setpriv --pdeathsig TERM</c>) for SIGTERM when its parent goes, and for Linux the parent is the thread that
/// forked it: a pool thread that retires would stop the services with it, this one only ends with the process. So a
/// killed AppHost takes its services along, as DCP's process monitor does for what DCP starts itself.
/// </summary>
internal sealed class LaunchThread : IDisposable
{
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _queue = [];
    private readonly Thread _thread;

    public LaunchThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "TiersLieux project launcher" };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="process"/> (configured, its handlers attached) from this thread.</summary>
    public Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((process, started));
        return started.Task;
    }

    private void Run()
    {
        foreach (var (process, started) in _queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
#pragma warning disable CA1031 // Whatever failed is the launch's answer, not this thread's end.
            catch (Exception error)
#pragma warning restore CA1031
            {
                started.SetException(error);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }
}
