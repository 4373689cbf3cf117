namespace TiersLieux.Hosting.Processes;

/// <summary>The machine's processes as /proc shows them: parent, name (comm: 15 characters), command line and environment, for finding leftovers.</summary>
public static class ProcessTable
{
    public sealed record Entry(int Pid, int Parent, string Name, string CommandLine, string Environment);

    /// <summary>Readable processes other than this one matching <paramref name="match"/> (others' are skipped).</summary>
    public static IReadOnlyList<Entry> Where(Func<Entry, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new List<Entry>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == System.Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so count from the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                var entry = new Entry(pid, parent, File.ReadAllText(Path.Combine(directory, "comm")).Trim(),
                    File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' '),
                    File.ReadAllText(Path.Combine(directory, "environ")).Replace('\0', '\n'));
                if (match(entry))
                {
                    found.Add(entry);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked, or not ours to read.
            }
        }

        return found;
    }
}
