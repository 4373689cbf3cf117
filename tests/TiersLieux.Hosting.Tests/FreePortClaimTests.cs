using System.Diagnostics;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A port drawn by one of our processes is never drawn by another while the first lives: its claim file stays locked
/// (flock) by the process that drew it, and the kernel releases the lock when that process exits.
/// </summary>
public sealed class FreePortClaimTests
{
    [Fact]
    public async Task A_port_another_live_process_has_claimed_is_not_claimed_until_that_process_exits()
    {
        // Above the range FreePort draws from, so that no draw of this process holds it already.
        var port = 60_000 + Random.Shared.Next(5_000);
        Directory.CreateDirectory(Path.GetDirectoryName(FreePort.ClaimPath(port))!);
        // util-linux's flock(1) takes the same lock as .NET's unshared FileStream, in a process of its own. --close keeps
        // the locked descriptor out of its child: otherwise the child holds the lock too and may outlive by a moment the
        // flock process this test waits for (a failure CI saw once).
        var holder = Process.Start(new ProcessStartInfo("flock", ["--nonblock", "--close", FreePort.ClaimPath(port), "sh", "-c", "echo locked; exec sleep 600"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

            Assert.False(FreePort.TryClaim(port));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(FreePort.TryClaim(port));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.Dispose();
        }
    }
}
