namespace TiersLieux.Testing;

public static class ProcessScan
{
    /// <summary>
    /// Processes whose command line or environment mentions <paramref name="marker"/> (a state directory): after a
    /// stop there must be none, whatever they are (postgres, beam, epmd, a service).
    /// </summary>
    public static IReadOnlyList<string> Mentioning(string marker)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(directory, "environ"));
                if (cmdline.Contains(marker, StringComparison.Ordinal) || environ.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }
}
