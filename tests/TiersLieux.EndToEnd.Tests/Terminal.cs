using System.Diagnostics;
using System.Globalization;
using TiersLieux.Testing;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The AppHost in a real terminal: a tmux server of this test's own (its own socket) runs it as the foreground
/// job, so that Ctrl+C reaches it as it reaches a developer's ./run.sh.
/// </summary>
internal sealed class Terminal : IDisposable
{
    private readonly string _socket = $"tierslieux-{Guid.NewGuid():N}"[..24];

    public static async Task<Terminal> StartAsync(string stateDirectory, bool fresh = true)
    {
        var terminal = new Terminal();
        var (arguments, environment, _) = AppHostProcess.CommandLine(stateDirectory, fresh);
        // Not the run-session endpoint of an AppHost running in this test process: this one serves its own.
        var command = string.Join(' ', new[] { "exec", "env", "-u", "DEBUG_SESSION_PORT", "-u", "DEBUG_SESSION_TOKEN", "-u", "DEBUG_SESSION_INFO" }
            .Concat(environment.Select(pair => Quote($"{pair.Key}={pair.Value}")))
            .Append("dotnet").Concat(arguments.Select(Quote)));
        await terminal.TmuxAsync("new-session", "-d", "-s", "apphost", "-x", "220", "-y", "60", command);
        return terminal;
    }

    public int AppHostPid() => int.Parse(TmuxAsync("display-message", "-p", "-t", "apphost", "#{pane_pid}").Result.Trim(), CultureInfo.InvariantCulture);

    public async Task WaitUntilHealthyAsync(TimeSpan timeout) =>
        await TestWait.UntilAsync(async () => AppHostProcess.Welcome((await ScreenAsync()).Replace("\n", " ", StringComparison.Ordinal)) is not null, timeout);

    public Task PressCtrlCAsync() => TmuxAsync("send-keys", "-t", "apphost", "C-c");

    private Task<string> ScreenAsync() => TmuxAsync("capture-pane", "-p", "-J", "-t", "apphost", "-S", "-3000");

    private async Task<string> TmuxAsync(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static string Quote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>Ends this test's tmux server (by its socket; it holds nothing once the AppHost has exited).</summary>
    public void Dispose() => TmuxAsync("kill-server").Wait();
}
