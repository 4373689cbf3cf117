using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Directory.Api.Infrastructure;

/// <summary>
/// The public search's filters (checked by <c>PlaceSearchApi</c>) as one parameterised SQL query over the indexed
/// columns: the page of matching place ids, with the distance when searched near a point, and the total.
/// </summary>
internal sealed record PlaceSearchQuery(string? Text, PlaceTypology? Typology, string[] Services, string? Department, string? Label,
    DateOnly Today, int? OpenMinute, (double Latitude, double Longitude)? Near, double? RadiusKm)
{
    private const string Config = $"'{DirectoryDbContext.Schema}.{DirectoryDbContext.FrenchSearch}'::regconfig";

    public async Task<(List<(Guid Id, double? DistanceKm)> Page, int Total)> RunAsync(DirectoryDbContext db, int page, int pageSize, CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter>();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            var name = $"p{parameters.Count}";
            parameters.Add(type is { } dbType ? new NpgsqlParameter(name, dbType) { Value = value } : new NpgsqlParameter(name, value));
            return "@" + name;
        }

        var where = new List<string> { $"p.\"Status\" = {Parameter(nameof(PlaceStatus.Active))}" };
        var rank = "0::real";
        if (Text is not null)
        {
            var query = $"websearch_to_tsquery({Config}, {Parameter(Text)})";
            where.Add($"p.\"{PlaceConfiguration.SearchVector}\" @@ {query}");
            rank = $"ts_rank(p.\"{PlaceConfiguration.SearchVector}\", {query})";
        }

        if (Typology is { } typology)
        {
            where.Add($"p.\"Typology\" = {Parameter(typology.ToString())}");
        }

        if (Services.Length > 0)
        {
            where.Add($"p.\"Services\" @> {Parameter(Services, NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        if (Department is not null)
        {
            where.Add($"p.\"Department\" = {Parameter(Department)}");
        }

        if (Label is not null)
        {
            var labelled = $"(p.\"LabelEdition\" IS NOT NULL AND p.\"LabelledUntil\" >= {Parameter(Today)})";
            where.Add(Label == "labelled" ? labelled : $"NOT {labelled}");
        }

        if (OpenMinute is { } minute)
        {
            where.Add($"p.\"OpenWeekly\" @> {Parameter(minute)}::int4");
        }

        var distance = "NULL::double precision";
        if (Near is { } point)
        {
            // Haversine on a sphere of the Earth's mean radius: within metres over a region's distances.
            var (latitude, longitude) = (Parameter(point.Latitude), Parameter(point.Longitude));
            distance = $"6371.0088 * 2 * asin(sqrt(power(sin(radians(p.\"Latitude\" - {latitude}) / 2), 2) + " +
                       $"cos(radians({latitude})) * cos(radians(p.\"Latitude\")) * power(sin(radians(p.\"Longitude\" - {longitude}) / 2), 2)))";
        }

        var order = Near is not null ? "distance_km, name, id" : Text is not null ? "rank DESC, name, id" : "name, id";
        var sql = new StringBuilder()
            .Append($"WITH matches AS (SELECT p.\"Id\" AS id, p.\"Name\" AS name, {distance} AS distance_km, {rank} AS rank ")
            .Append($"FROM {DirectoryDbContext.Schema}.\"Places\" p WHERE {string.Join(" AND ", where)}) ")
            .Append("SELECT id, distance_km, count(*) OVER () AS total FROM matches ")
            .Append(RadiusKm is { } radius ? $"WHERE distance_km <= {Parameter(radius)} " : "")
            .Append($"ORDER BY {order} LIMIT {Parameter(pageSize)} OFFSET {Parameter(Paging.Skip(page, pageSize))}")
            .ToString();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var rows = new List<(Guid, double?)>();
            var total = 0;
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                command.Parameters.AddRange(parameters.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
                    total = (int)reader.GetInt64(2);
                }
            }

            if (rows.Count == 0 && page > 1)
            {
                // Past the last page: the total still tells the client how many there are.
                total = await CountAsync(connection, sql, parameters, cancellationToken);
            }

            return (rows, total);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string pageSql, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        var countSql = pageSql[..pageSql.IndexOf("ORDER BY", StringComparison.Ordinal)].Replace("SELECT id, distance_km, count(*) OVER () AS total FROM matches", "SELECT count(*) FROM matches", StringComparison.Ordinal);
        await using var command = new NpgsqlCommand(countSql, connection);
        command.Parameters.AddRange(parameters.Select(parameter => parameter.Clone()).ToArray());
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
