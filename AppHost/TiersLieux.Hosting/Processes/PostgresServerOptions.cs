namespace TiersLieux.Hosting.Processes;

public sealed record PostgresServerOptions(string BaseDirectory, int Port)
{
    public const string UserName = "postgres";

    /// <summary>For throwaway test servers: durability traded for speed.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// Where every completed WAL segment is copied (continuous archiving): with a base backup, the server can be
    /// restored to any moment since (eng/backup.sh). Null: no archiving.
    /// </summary>
    public string? WalArchive { get; init; }
}
