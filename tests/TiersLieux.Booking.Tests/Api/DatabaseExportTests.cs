using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>
/// Booking's database moved with <c>eng/database.sh</c> (pg_dump's custom format, pg_restore) into a new database of the
/// same real server: the same rows in every table, and the copy still refuses an overlapping booking by itself.
/// </summary>
public sealed class DatabaseExportTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private readonly string _dump = Path.Combine(Path.GetTempPath(), $"bookingdb-{Guid.NewGuid():N}.dump");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await Booking.StartAsync(infrastructure);

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        File.Delete(_dump);
    }

    [Fact]
    public async Task An_exported_database_imported_into_an_empty_one_has_every_row_and_still_refuses_an_overlap()
    {
        var place = await _service.KnownPlaceAsync("La Serre, Albi");
        var member = Guid.NewGuid();
        await _service.EntitleAsync(member, place);
        var desk = await _service.ResourceAsync(place, "desk", name: "Bureau exporté");
        var start = _service.Tomorrow(9);
        for (var hour = 0; hour < 3; hour++)
        {
            await Booking.IdAsync(await _service.BookAsync(desk, member, start.AddHours(hour), start.AddHours(hour + 1)));
        }

        var source = SourceDatabase();
        var copy = $"{source}_copy";

        var exported = await RunAsync("export", source, _dump);
        Assert.True(exported.ExitCode == 0, exported.Output);
        var imported = await RunAsync("import", _dump, copy);
        Assert.True(imported.ExitCode == 0, imported.Output);

        // The same tables, and the same rows where only this test writes: the migrations, and the bookings and
        // resources of its place. Events of other test classes may still reach the source after the export (its
        // inbox, places, and machines' resources: one went out of service between export and comparison once).
        var tables = await TablesAsync(source);
        Assert.Equal(tables, await TablesAsync(copy));
        foreach (var table in tables.Where(t => t.EndsWith(".\"Bookings\"", StringComparison.Ordinal) || t.EndsWith(".\"Resources\"", StringComparison.Ordinal)
            || t.EndsWith(".\"__EFMigrationsHistory\"", StringComparison.Ordinal)))
        {
            bool Ours(string row) => table.EndsWith(".\"__EFMigrationsHistory\"", StringComparison.Ordinal) || row.Contains(place.ToString(), StringComparison.Ordinal);
            var rows = (await RowsAsync(source, table)).Where(Ours).ToList();
            Assert.NotEmpty(rows);
            Assert.Equal(rows, (await RowsAsync(copy, table)).Where(Ours).ToList());
        }

        Assert.Equal(3, (await RowsAsync(copy, "booking.\"Bookings\"")).Count(row => row.Contains(desk.ToString(), StringComparison.Ordinal)));

        // The copy's own exclusion constraint, not the API, refuses a booking over one it holds.
        await using var connection = new NpgsqlConnection(infrastructure.Postgres.ConnectionString(copy));
        await connection.OpenAsync(Cancel);
        await using var overlap = new NpgsqlCommand("""
            INSERT INTO booking."Bookings" ("Id", "ResourceId", "PlaceId", "MemberId", "Period", "Exclusive", "Status", "CreatedAt")
            VALUES (@id, @desk, @place, @member, tstzrange(@from, @to, '[)'), true, 'Confirmed', now())
            """, connection);
        overlap.Parameters.AddWithValue("id", Guid.NewGuid());
        overlap.Parameters.AddWithValue("desk", desk);
        overlap.Parameters.AddWithValue("place", place);
        overlap.Parameters.AddWithValue("member", member);
        overlap.Parameters.AddWithValue("from", start.AddMinutes(30));
        overlap.Parameters.AddWithValue("to", start.AddMinutes(90));
        var error = await Assert.ThrowsAsync<PostgresException>(() => overlap.ExecuteNonQueryAsync(Cancel));
        Assert.Equal(BookingDbContext.NoOverlapConstraint, error.ConstraintName);

        // A database that already holds tables is never written over.
        var again = await RunAsync("import", _dump, copy);
        Assert.Equal(65, again.ExitCode);
        Assert.Contains("import into a new or empty database", again.Output, StringComparison.Ordinal);
    }

    private string SourceDatabase()
    {
        using var scope = _service.Factory.Services.CreateScope();
        return new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<BookingDbContext>().Database.GetConnectionString()).Database!;
    }

    /// <summary>The database's tables ("schema"."table"), in order.</summary>
    private async Task<List<string>> TablesAsync(string database) =>
        await QueryAsync(database, "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");

    /// <summary>A table's rows as PostgreSQL writes them as text, in order.</summary>
    private Task<List<string>> RowsAsync(string database, string table) => QueryAsync(database, $"SELECT t::text FROM {table} t ORDER BY 1");

    private async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(infrastructure.Postgres.ConnectionString(database));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>eng/database.sh against the fixture's server (libpq's variables), its exit code and what it printed.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(ProjectOutputs.RepoRoot, "eng", "database.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGHOST"] = "127.0.0.1";
        start.Environment["PGPORT"] = infrastructure.Postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = "postgres";
        start.Environment["PGPASSWORD"] = infrastructure.Postgres.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output + await errors);
    }
}
