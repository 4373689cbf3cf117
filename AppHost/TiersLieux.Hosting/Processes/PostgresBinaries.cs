namespace TiersLieux.Hosting.Processes;

/// <summary>Finds the PostgreSQL server binaries (Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin).</summary>
public static class PostgresBinaries
{
    private static readonly Lazy<string?> Directory = new(() =>
        System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => System.IO.Path.Combine(version, "bin"))
                .Where(bin => File.Exists(System.IO.Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null);

    public static string Path(string tool) => Directory.Value is { } bin ? System.IO.Path.Combine(bin, tool) : tool;
}
