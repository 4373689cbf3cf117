using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

public static class ProcessScan
{
    /// <summary>
    /// Processes whose command line or environment mentions <paramref name="marker"/> (a state directory): after a
    /// stop there must be none, whatever they are (postgres, beam, epmd, a service).
    /// </summary>
    public static IReadOnlyList<string> Mentioning(string marker) =>
        [.. ProcessTable.Where(process => process.CommandLine.Contains(marker, StringComparison.Ordinal) || process.Environment.Contains(marker, StringComparison.Ordinal))
            .Select(process => $"{process.Pid}: {process.CommandLine}")];
}
