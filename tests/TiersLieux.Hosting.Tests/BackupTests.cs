using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// The drill of a point-in-time restore, on the AppHost's own PostgreSQL resource (which archives its WAL) and
/// eng/backup.sh: data written, a base backup, more data, a moment noted, more data; the server restored to that
/// moment into a new data directory holds exactly what was committed before it, in every database.
/// </summary>
public sealed class BackupTests
{
    private static readonly string[] Databases = [ResourceNames.MembershipDb, ResourceNames.DirectoryDb, ResourceNames.BookingDb, ResourceNames.TrainingDb];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_restored_to_a_moment_holds_exactly_what_was_committed_before_it_in_every_database()
    {
        var state = LocalServers.NewStateDirectory();
        var restoredBase = Path.Combine(state, "restored");
        var app = await LocalServers.StartAsync(state, broker: false);
        DateTimeOffset moment;
        var server = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("postgres", Cancel));
        try
        {
            foreach (var database in Databases)
            {
                await PostgresProbe.CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString, database, Cancel);
                await ExecuteAsync(server, database, "CREATE TABLE written (batch int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
            }

            await WriteBatchAsync(server, 1);
            var based = await BackupAsync(server, "base", Path.Combine(state, "backup"));
            Assert.True(based.ExitCode == 0, based.Output);
            await WriteBatchAsync(server, 2);

            // The moment: after every commit of batch 2 (read from the server's clock), before any of batch 3.
            // (Npgsql reads a timestamptz as a UTC DateTime.)
            moment = new DateTimeOffset(await ScalarAsync<DateTime>(server, "postgres", "SELECT clock_timestamp()"));
            await TestWait.UntilAsync(async () => new DateTimeOffset(await ScalarAsync<DateTime>(server, "postgres", "SELECT clock_timestamp()")) > moment, TimeSpan.FromSeconds(30));
            await WriteBatchAsync(server, 3);

            // Batch 3's commits must reach the archive, or the replay could not know the moment had passed.
            var segment = await ScalarAsync<string>(server, "postgres", "SELECT pg_walfile_name(pg_switch_wal())");
            await TestWait.UntilAsync(async () => string.CompareOrdinal(
                await ScalarAsync<string?>(server, "postgres", "SELECT last_archived_wal FROM pg_stat_archiver") ?? "", segment) >= 0, TimeSpan.FromMinutes(1));
        }
        finally
        {
            await LocalServers.StopAsync(app, state);
        }

        var restored = await BackupAsync(null, "restore", Path.Combine(state, "backup"), Path.Combine(restoredBase, "data"),
            "--archive", Path.Combine(state, "postgres", "wal-archive"), "--to", moment.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
        Assert.True(restored.ExitCode == 0, restored.Output);

        // The restored cluster keeps the original's password; the server process reads it from its base directory.
        File.Copy(Path.Combine(state, "parameters", "postgres-password"), Path.Combine(restoredBase, "password"));
        await using var copy = await PostgresServer.StartAsync(new PostgresServerOptions(restoredBase, FreePort.Next()), new LogBuffer(), Cancel);
        var copyServer = new NpgsqlConnectionStringBuilder(copy.ConnectionString());
        await TestWait.UntilAsync(async () => !await ScalarAsync<bool>(copyServer, "postgres", "SELECT pg_is_in_recovery()"), TimeSpan.FromMinutes(2));
        foreach (var database in Databases)
        {
            var batches = await ScalarAsync<int[]>(copyServer, database, "SELECT coalesce(array_agg(DISTINCT batch ORDER BY batch), '{}') FROM written");
            Assert.Equal([1, 2], batches);
            Assert.Equal(20, await ScalarAsync<long>(copyServer, database, "SELECT count(*) FROM written"));
        }

        // Promoted: it takes writes again.
        await ExecuteAsync(copyServer, Databases[0], "INSERT INTO written (batch) VALUES (4)");
    }

    /// <summary>Ten rows in each database, each database's in its own transaction.</summary>
    private static async Task WriteBatchAsync(NpgsqlConnectionStringBuilder server, int batch)
    {
        foreach (var database in Databases)
        {
            await ExecuteAsync(server, database, $"INSERT INTO written (batch) SELECT {batch} FROM generate_series(1, 10)");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnectionStringBuilder server, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnectionStringBuilder server, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(Cancel);
        return value is DBNull ? default! : (T)value!;
    }

    /// <summary>eng/backup.sh, against <paramref name="server"/> through libpq's variables when it needs one.</summary>
    private static async Task<(int ExitCode, string Output)> BackupAsync(NpgsqlConnectionStringBuilder? server, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(ProjectOutputs.RepoRoot, "eng", "backup.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (server is not null)
        {
            start.Environment["PGHOST"] = server.Host;
            start.Environment["PGPORT"] = server.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["PGUSER"] = server.Username;
            start.Environment["PGPASSWORD"] = server.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output + await errors);
    }
}
