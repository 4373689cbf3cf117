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

    /// <summary>Until no process mentions <paramref name="marker"/> (servers stop on their own schedule after their AppHost); fails naming those left.</summary>
    public static async Task WaitUntilNoneMentionAsync(string marker, TimeSpan timeout)
    {
        try
        {
            await TestWait.UntilAsync(() => Mentioning(marker).Count == 0, timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Still running after {timeout.TotalSeconds} s: {string.Join(" | ", Mentioning(marker))}");
        }
    }
}
