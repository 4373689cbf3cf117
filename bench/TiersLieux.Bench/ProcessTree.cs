using System.Globalization;

namespace TiersLieux.Bench;

/// <summary>
/// The machine's processes as /proc lists them at one moment (who is whose child), read once per sample so that
/// sampling a dozen resources scans /proc once: resident memory and CPU time of a process and its descendants.
/// </summary>
internal sealed class ProcessTree
{
    private readonly ILookup<int, int> _children;

    private ProcessTree(ILookup<int, int> children) => _children = children;

    public static ProcessTree Read() => new(Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit))
        .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
        .ToLookup(ParentOf));

    /// <summary>USER_HZ: /proc counts CPU time in ticks of 10 ms on Linux.</summary>
    private const double MicrosecondsPerTick = 10_000;

    /// <summary>VmRSS of a process and of all its descendants (PostgreSQL's backends under runuser, RabbitMQ's beam), in MiB.</summary>
    public double ResidentMiB(int pid) => Math.Round(WithDescendants(pid).Sum(OwnResidentMiB), 1);

    /// <summary>VmRSS of some processes, each alone or with its descendants, in MiB.</summary>
    public double ResidentMiB(IEnumerable<int> pids, bool descendants) =>
        Math.Round(pids.SelectMany(pid => descendants ? WithDescendants(pid) : [pid]).Distinct().Sum(OwnResidentMiB), 1);

    /// <summary>
    /// Proportional set size of some processes (each alone or with its descendants), in MiB: a page shared by n
    /// processes counts 1/n in each, so PostgreSQL's shared buffers, touched by every backend, count once in all (its
    /// VmRSS summed over backends counts them once per backend, and grows as backends touch more of them).
    /// </summary>
    public double ProportionalMiB(IEnumerable<int> pids, bool descendants) =>
        Math.Round(pids.SelectMany(pid => descendants ? WithDescendants(pid) : [pid]).Distinct().Sum(OwnProportionalMiB), 1);

    /// <summary>User and system CPU time of a process (and its descendants, or not) so far, in microseconds.</summary>
    public double CpuMicroseconds(int pid, bool descendants = true) =>
        (descendants ? WithDescendants(pid) : [pid]).Sum(OwnCpuTicks) * MicrosecondsPerTick;

    /// <summary>CPU time the whole machine has spent busy (user, nice, system, irq, softirq, steal) so far, in microseconds.</summary>
    public static double MachineBusyMicroseconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => double.Parse(fields[i], CultureInfo.InvariantCulture)) * MicrosecondsPerTick;
    }

    private List<int> WithDescendants(int pid)
    {
        var all = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var next))
        {
            all.Add(next);
            foreach (var child in _children[next])
            {
                pending.Push(child);
            }
        }

        return all;
    }

    private static double OwnResidentMiB(int pid) =>
        StatusField(pid, "VmRSS:") is { } line ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 : 0;

    private static double OwnProportionalMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0; // Gone meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static int ParentOf(int pid) =>
        StatusField(pid, "PPid:") is { } line ? int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture) : -1;

    /// <summary>utime + stime (fields 14 and 15 of /proc/&lt;pid&gt;/stat, counted after the command's closing parenthesis).</summary>
    private static double OwnCpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // Gone meanwhile (a PostgreSQL backend that ended).
        }
    }

    private static string? StatusField(int pid, string field)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
