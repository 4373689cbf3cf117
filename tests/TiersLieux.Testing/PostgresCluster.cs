using System.Diagnostics;

namespace TiersLieux.Testing;

public static class PostgresCluster
{
    /// <summary>What pg_control says of a cluster: "shut down" after a clean stop ("in production" after a crash: recovery at the next start).</summary>
    public static string State(string dataDirectory)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).First(bin => File.Exists(Path.Combine(bin, "pg_controldata")));
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(bin, "pg_controldata"), ["-D", dataDirectory])
        {
            RedirectStandardOutput = true,
            Environment = { ["LC_ALL"] = "C" },
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n').Single(line => line.StartsWith("Database cluster state:", StringComparison.Ordinal))["Database cluster state:".Length..].Trim();
    }
}
