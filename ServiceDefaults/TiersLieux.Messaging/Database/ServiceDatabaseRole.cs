using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// The login a service's requests run as: not the database's owner but <c>&lt;database&gt;_api</c>, which may read and
/// change rows and nothing else (no DDL, no ownership, no superuser). The configured connection string is the owner's;
/// the migrator uses it to migrate and then (re)grants this role its rights, so a table marked append-only
/// (<see cref="AppendOnlyModelExtensions.IsAppendOnly{TEntity}"/>) is one the service itself can never update, delete
/// or truncate: a permission PostgreSQL checks, not a convention of ours.
/// </summary>
/// <remarks>
/// Its password is derived from the owner's (HMAC of the role's name keyed by it), so every replica computes the
/// same one without another secret to hand out, and rotating the owner's password rotates it at the next start.
/// </remarks>
public sealed class ServiceDatabaseRole
{
    private const int MaxIdentifierLength = 63;

    private ServiceDatabaseRole(string database, string name, string password)
    {
        Database = database;
        Name = name;
        Password = password;
    }

    public string Database { get; }

    public string Name { get; }

    public string Password { get; }

    /// <summary>The role of the database that this owner's connection string names.</summary>
    public static ServiceDatabaseRole For(string ownerConnectionString)
    {
        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        var database = owner.Database
            ?? throw new InvalidOperationException("A service's connection string must name its database (Database=…).");
        var name = database + "_api";
        if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierLength)
        {
            // PostgreSQL would cut it silently; a digest keeps two long names apart.
            name = "api_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..40];
        }

        var key = Encoding.UTF8.GetBytes(owner.Password ?? string.Empty);
        var password = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("tierslieux-api-role:" + name)));
        return new ServiceDatabaseRole(database, name, password);
    }

    /// <summary>The owner's connection string with this role's login instead.</summary>
    public static string RuntimeConnectionString(string ownerConnectionString)
    {
        var role = For(ownerConnectionString);
        return new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role.Name, Password = role.Password }.ConnectionString;
    }

    /// <summary>
    /// Creates the role if it does not exist, keeps its password and attributes, and gives it the rights on every
    /// schema of <paramref name="model"/>: rows of every table, the sequences; append-only tables lose update, delete
    /// and truncate. Run on the owner's connection after the migrations, at every start (a restored export carries
    /// no grants).
    /// </summary>
    public string GrantSql(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var role = Quote(Name);
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            DO $role$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {Literal(Name)}) THEN
                CREATE ROLE {role} LOGIN;
              END IF;
            END $role$;
            ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {Literal(Password)};
            GRANT CONNECT, TEMPORARY ON DATABASE {Quote(Database)} TO {role};

            """);
        var schemas = model.GetEntityTypes().Select(entity => entity.GetSchema() ?? model.GetDefaultSchema() ?? "public")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            var quoted = Quote(schema);
            sql.Append(CultureInfo.InvariantCulture, $"""
                GRANT USAGE ON SCHEMA {quoted} TO {role};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {quoted} TO {role};
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {quoted} TO {role};

                """);
        }

        foreach (var entity in model.GetEntityTypes().Where(AppendOnlyModelExtensions.IsAppendOnly))
        {
            var table = entity.GetTableName()
                ?? throw new InvalidOperationException($"{entity.DisplayName()} is append-only but maps to no table.");
            var schema = entity.GetSchema() ?? model.GetDefaultSchema() ?? "public";
            sql.Append(CultureInfo.InvariantCulture, $"REVOKE UPDATE, DELETE, TRUNCATE ON {Quote(schema)}.{Quote(table)} FROM {role};\n");
        }

        return sql.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
