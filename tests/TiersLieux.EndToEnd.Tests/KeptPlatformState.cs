namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The state directory (PostgreSQL's data, the broker's node, the kept secrets) that a stopped AppHost left shut down
/// cleanly, handed to the next shutdown way: that one starts warm on it, as ./run.sh usually does, instead of paying
/// a first start again (initdb, a new broker node, every migration, the demo data, the directory's wait for the
/// other services). Starting on it is also the next start the shutdown must leave clean. Deleted with the class.
/// </summary>
public sealed class KeptPlatformState : IDisposable
{
    private readonly Lock _gate = new();
    private string? _directory;

    /// <summary>The kept directory (a warm start), or a new one (a first start), for this test alone from now on.</summary>
    public (string Directory, bool Fresh) Take()
    {
        lock (_gate)
        {
            var kept = _directory;
            _directory = null;
            return kept is not null ? (kept, false) : (Path.Combine(Path.GetTempPath(), "tierslieux-e2e", Guid.NewGuid().ToString("N")[..12]), true);
        }
    }

    /// <summary>Hands a directory shut down cleanly, with nothing of the platform running on it, to the next test.</summary>
    public void Keep(string directory)
    {
        lock (_gate)
        {
            Delete(_directory);
            _directory = directory;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Delete(_directory);
            _directory = null;
        }
    }

    private static void Delete(string? directory)
    {
        if (directory is not null && System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
