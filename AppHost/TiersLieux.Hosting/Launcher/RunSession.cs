using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// One project instance started for DCP: its process, its output passed on line by line, its exit reported once the
/// output is drained. Stopped with SIGTERM (the services' graceful shutdown), SIGKILL after a grace period.
/// </summary>
internal sealed class RunSession(string id, Action<RunSessionNotification> notify)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private ManagedProcess? _process;

    public string Id { get; } = id;

    public Task<int> Exited => _exited.Task;

    /// <summary>Starts the process <paramref name="start"/> makes, its output written to the log it is given.</summary>
    public async Task StartAsync(string what, Func<LogBuffer, Task<ManagedProcess>> start)
    {
        // DCP keeps the console log; this buffer only passes each line on as it comes.
        var log = new LogBuffer(capacity: 1);
        log.Written += line => notify(RunSessionNotification.Log(Id, line.Text, line.IsError));
        try
        {
            _process = await start(log);
            notify(RunSessionNotification.Started(Id, _process.Pid));
            _ = ReportExitAsync(_process);
        }
#pragma warning disable CA1031 // Reported to DCP, which shows it on the resource.
        catch (Exception error)
#pragma warning restore CA1031
        {
            notify(RunSessionNotification.Error(Id, "LaunchFailed", $"{what} did not start: {error.Message}"));
            notify(RunSessionNotification.Terminated(Id, exitCode: 1));
            _exited.TrySetResult(1);
        }
        finally
        {
            _started.TrySetResult();
        }

        // A stop that came while the process was being started (DCP may delete a session as soon as it has its id).
        if (_stopRequested)
        {
            await StopAsync();
        }
    }

    private async Task ReportExitAsync(ManagedProcess process)
    {
        // Completed once both output streams are read to their end: the last lines reach DCP before the exit does.
        var exitCode = await process.Exited;
        notify(RunSessionNotification.Terminated(Id, exitCode));
        _exited.TrySetResult(exitCode);
        await process.DisposeAsync();
    }

    public async Task StopAsync()
    {
        _stopRequested = true;
        // Started once the PUT's answer is sent; a session whose answer never went out is never started.
        await Task.WhenAny(_started.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        if (_process is { HasExited: false } process)
        {
            await process.StopAsync(Grace);
        }
    }
}
