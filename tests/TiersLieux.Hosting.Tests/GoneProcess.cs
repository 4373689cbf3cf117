using System.Diagnostics;

namespace TiersLieux.Hosting.Tests;

/// <summary>An AppHost that has died, as the servers' wrappers see it: the id of a process that has exited.</summary>
internal static class GoneProcess
{
    public static int Id()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
