namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The state directory (PostgreSQL's data, the broker's node, the kept secrets) that a stopped AppHost left shut down
/// cleanly, handed to the next shutdown way: that one starts warm on it, as ./run.sh usually does, instead of paying
/// a first start again (initdb, a new broker node, every migration, the demo data, the directory's wait for the
/// other services). Starting on it is also the next start the shutdown must leave clean. Deleted with the class, as is
/// every directory a way took and never handed back (it failed: its state is not clean to start on).
/// </summary>
public sealed class KeptPlatformState : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _taken = [];
    private string? _directory;

    /// <summary>The kept directory (a warm start), or a new one (a first start), for this test alone from now on.</summary>
    public (string Directory, bool Fresh) Take()
    {
        lock (_gate)
        {
            var kept = _directory;
            _directory = null;
            var directory = kept ?? Path.Combine(Path.GetTempPath(), "tierslieux-e2e", Guid.NewGuid().ToString("N")[..12]);
            _taken.Add(directory);
            return (directory, kept is null);
        }
    }

    /// <summary>Hands a directory shut down cleanly, with nothing of the platform running on it, to the next test.</summary>
    public void Keep(string directory)
    {
        lock (_gate)
        {
            Delete(_directory);
            _taken.Remove(directory);
            _directory = directory;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Delete(_directory);
            _directory = null;
            foreach (var failed in _taken)
            {
                try
                {
                    Delete(failed);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // A process of the failed way may still be writing there: the machine's temporary folder cleans it.
                }
            }

            _taken.Clear();
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
