using System.Runtime.InteropServices;

namespace TiersLieux.Hosting.Processes;

/// <summary>POSIX signals: .NET's Process.Kill only sends SIGKILL, and a graceful stop needs SIGTERM.</summary>
public static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>True when a process with this id exists (signal 0 checks without sending anything).</summary>
    public static bool IsAlive(int pid) => pid > 0 && kill(pid, 0) == 0;

    public static bool IsRoot => geteuid() == 0;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks for two int calls.
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
#pragma warning restore SYSLIB1054
}
