using Npgsql;

namespace TiersLieux.EndToEnd.Tests.Security;

/// <summary>
/// What the services have stored, table by table (a digest of every row), to prove that refused requests wrote
/// nothing. Left out: the messaging tables (the outbox is dispatched and the inbox records deliveries in the
/// background) and the identity server's own bookkeeping (tokens, keys).
/// </summary>
public static class DatabaseSnapshot
{
    private static readonly string[] Ignored = ["OutboxMessages", "InboxMessages", "OpenIddictTokens", "OpenIddictAuthorizations", "DataProtectionKeys", "IdentityKeys", "__EFMigrationsHistory"];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(IEnumerable<string> databases)
    {
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND NOT (table_name = ANY(@ignored))", connection))
            {
                list.Parameters.AddWithValue("ignored", Ignored);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var digest = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t", connection);
                digests[$"{connection.Database}/{table}"] = (string)(await digest.ExecuteScalarAsync())!;
            }
        }

        return digests;
    }

    /// <summary>The tables whose content differs between two snapshots.</summary>
    public static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(table => before.GetValueOrDefault(table) != after.GetValueOrDefault(table));
}
