using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A process's exit is reported after its last lines: the launcher passes both to DCP in that order and then disposes
/// the process, so a project that fails at once (a missing setting) shows why on its console.
/// </summary>
public sealed class ManagedProcessTests
{
    [Fact]
    public async Task A_process_gone_before_its_output_is_read_has_its_lines_logged_before_its_exit()
    {
        var log = new LogBuffer();
        var process = await ManagedProcess.StartAsync("sh", ["-c", "echo giving up; echo 'a reason' >&2; exit 3"], log, async started =>
        {
            started.Start();
            // The fork returns only once the process is gone: its exit comes before its output is read, the order a
            // process that exits at once can take on a loaded machine.
            await started.WaitForExitAsync(TestContext.Current.CancellationToken);
        });
        await using (process)
        {
            Assert.Equal(3, await process.Exited);

            var lines = log.Read().Select(line => (line.Text, line.IsError)).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Contains(("giving up", false), lines);
            Assert.Contains(("a reason", true), lines);
            Assert.Equal(($"[pid {process.Pid} exited with code 3]", true), lines[^1]);
        }
    }
}
