using System.Net;
using System.Net.Sockets;

namespace TiersLieux.Hosting.Processes;

public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A port's claim file, locked (flock) for as long as the process that drew the port lives: other processes
    /// never draw it meanwhile, and the kernel drops the lock when its holder exits, however it exits.
    /// </summary>
    private static readonly string ClaimDirectory = Path.Combine(Path.GetTempPath(), "tierslieux-ports");

    /// <summary>The open claim files: their locks hold the ports this process has drawn.</summary>
    private static readonly List<FileStream> Claims = [];

    /// <summary>
    /// Where the ports are drawn from: below the kernel's ephemeral range. A port that bind(0) hands out is an
    /// ephemeral one, and in the seconds before the server binds it, any outgoing connection on the machine (the
    /// tests and services open hundreds) may take it as its local port: the server then fails with EADDRINUSE.
    /// </summary>
    private static readonly (int Low, int High) Range = (20_000, EphemeralLow() - 1);

    /// <summary>
    /// A loopback port nobody listens on now, never the same twice in this process (parallel fixtures), nor one that
    /// another live process of ours has drawn. Test assemblies run side by side and each starts servers on ports it
    /// drew seconds before they bind them: two processes drawing the same free port meant one server failed to bind,
    /// and a readiness probe could take the other's answer for its own.
    /// </summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                var port = Random.Shared.Next(Range.Low, Range.High + 1);
                if (!Handed.Contains(port) && CanBind(port) && TryClaim(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }
    }

    /// <summary>
    /// Locks the port's claim file for the rest of this process's life; false when another process holds it. On
    /// Unix .NET opens a file shared with nobody under an exclusive, non-blocking <c>flock</c>.
    /// </summary>
    internal static bool TryClaim(int port)
    {
        try
        {
            Directory.CreateDirectory(ClaimDirectory);
            var claim = new FileStream(ClaimPath(port), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lock (Claims)
            {
                Claims.Add(claim);
            }

            return true;
        }
        catch (IOException) when (File.Exists(ClaimPath(port)))
        {
            // Locked: another live process drew it.
            return false;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No usable claim directory (another user's, a full disk): the claim is a courtesy between our own
            // processes, so draw as if there were none rather than never return.
            return true;
        }
    }

    internal static string ClaimPath(int port) => Path.Combine(ClaimDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Ports this process must never draw: ports already promised to servers that bind them later (an AppHost's
    /// configured <c>Ports:*</c>, on which its projects and servers listen only once started).
    /// </summary>
    public static void Reserve(IEnumerable<int> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        lock (Handed)
        {
            Handed.UnionWith(ports);
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux's default 32768 elsewhere).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) is var low and > 21_000 ? low : 32_768;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32_768;
        }
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
