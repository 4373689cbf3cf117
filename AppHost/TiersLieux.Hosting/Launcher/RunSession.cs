using System.Diagnostics;
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
    private Process? _process;
    private int _pid;
    private int _reported;

    public string Id { get; } = id;

    public Task<int> Exited => _exited.Task;

    public async Task StartAsync(LaunchThread launcher, ProcessStartInfo info)
    {
        try
        {
            await LaunchAsync(launcher, info);
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

    private async Task LaunchAsync(LaunchThread launcher, ProcessStartInfo info)
    {
        Process process;
        try
        {
            process = await launcher.StartAsync(info);
        }
#pragma warning disable CA1031 // Reported to DCP, which shows it on the resource.
        catch (Exception error)
#pragma warning restore CA1031
        {
            notify(RunSessionNotification.Error(Id, "LaunchFailed", $"{info.FileName} did not start: {error.Message}"));
            notify(RunSessionNotification.Terminated(Id, exitCode: 1));
            _exited.TrySetResult(1);
            return;
        }

        _process = process;
        _pid = process.Id;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { notify(RunSessionNotification.Log(Id, line.Data, isError: false)); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { notify(RunSessionNotification.Log(Id, line.Data, isError: true)); } };
        process.Exited += (_, _) => ReportExit(process);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        notify(RunSessionNotification.Started(Id, process.Id));
        if (process.HasExited)
        {
            // Exited may have fired before the handler was attached.
            ReportExit(process);
        }
    }

    private void ReportExit(Process process)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            // WaitForExit() after the exit returns once both output streams are read to their end: the last lines
            // reach DCP before the exit does.
            process.WaitForExit();
            var exitCode = process.ExitCode;
            notify(RunSessionNotification.Terminated(Id, exitCode));
            _exited.TrySetResult(exitCode);
            process.Dispose();
        }
    }

    public async Task StopAsync()
    {
        _stopRequested = true;
        // Started once the PUT's answer is sent; a session whose answer never went out is never started.
        await Task.WhenAny(_started.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        if (_process is null || Exited.IsCompleted)
        {
            return;
        }

        Signals.Send(_pid, Signals.SigTerm);
        if (await Task.WhenAny(Exited, Task.Delay(Grace)) != Exited)
        {
            Signals.Send(_pid, Signals.SigKill);
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }
}
