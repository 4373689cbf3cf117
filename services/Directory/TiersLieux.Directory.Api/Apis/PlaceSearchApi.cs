using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>One place in search results: enough for a list or a map pin, with its distance when searched near a point.</summary>
public sealed record PlaceSearchHit(
    Guid Id,
    string Name,
    PlaceTypology Typology,
    string Commune,
    string Department,
    double Latitude,
    double Longitude,
    IReadOnlyList<string> Services,
    bool Labelled,
    LabelResponse? Label,
    string? OpeningHours,
    bool? OpenNow,
    double? DistanceKm,
    Uri? Website);

/// <summary>
/// /api/directory/places/search: the public search (no sign-in). Full text in French with accents folded, filters
/// (typology, services, department, label, open now or at a given time), near a point with the distance in km, paged.
/// One SQL query on the indexed columns picks the page; the page's places are then read by id.
/// </summary>
public static class PlaceSearchApi
{
    public const int MaxQueryLength = 200;
    public const double MaxRadiusKm = 500;

    /// <summary>Beyond the network's foreseeable size (111 places today) with room for the national maps it may join.</summary>
    public const int MaxMarkers = 20_000;

    public static RouteGroupBuilder MapPlaceSearchApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/directory/places").WithTags("Search");
        places.MapGet("/search", Search).WithName("SearchPlaces")
            .WithSummary("Searches the network's active places: q (French full text), typology, services (comma-separated, all required), department, label (labelled or not-labelled), openNow or openAt (local time), near=lat,lon with radiusKm.");
        places.MapGet("/markers", Markers).WithName("PlaceMarkers")
            .WithSummary($"Every active place matching the same filters as the search, as map markers (id, name, typology, position), at most {MaxMarkers}, in the search's order.");
        return places;
    }

    public static async Task<Results<Ok<PagedResponse<PlaceSearchHit>>, ProblemHttpResult>> Search(
        DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        string? q = null, string? typology = null, string? services = null, string? department = null, string? label = null,
        bool openNow = false, DateTime? openAt = null, string? near = null, double? radiusKm = null, int page = 1, int pageSize = 20)
    {
        var errors = new Errors();
        foreach (var (field, messages) in Paging.Validate(page, pageSize))
        {
            errors.Add(field, messages[0]);
        }

        var search = Read(clock, errors, q, typology, services, department, label, openNow, openAt, near, radiusKm);
        if (search is null)
        {
            return Problems.Invalid(errors);
        }

        var localNow = NetworkClock.LocalTime(clock.GetUtcNow());
        var (ids, total) = await search.RunAsync(db, page, pageSize, cancellationToken);

        var places = await db.Places.AsNoTracking().Where(place => ids.Select(hit => hit.Id).Contains(place.Id)).ToDictionaryAsync(place => place.Id, cancellationToken);
        var today = DateOnly.FromDateTime(localNow);
        var minuteNow = OpeningHours.MinuteOfWeek(localNow);
        var hits = ids.Where(hit => places.ContainsKey(hit.Id)).Select(hit =>
        {
            var place = places[hit.Id];
            var open = place.IsOpenAt(minuteNow);
            return new PlaceSearchHit(place.Id, place.Name, place.Typology, place.Commune, place.Department, place.Latitude, place.Longitude,
                place.Services, place.IsLabelledOn(today), LabelResponse.Of(place), place.OpeningHours, open,
                hit.DistanceKm is { } km ? Math.Round(km, 2) : null, place.Website);
        }).ToList();
        return TypedResults.Ok(new PagedResponse<PlaceSearchHit>(hits, page, pageSize, total));
    }

    /// <summary>
    /// Every place matching the search's filters as a map marker (id, name, typology, position), at most
    /// <see cref="MaxMarkers"/>: what a map draws in one read, where the paged search would take one read per page.
    /// </summary>
    public static async Task<Results<Ok<PlaceMarkersResponse>, ProblemHttpResult>> Markers(
        DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        string? q = null, string? typology = null, string? services = null, string? department = null, string? label = null,
        bool openNow = false, DateTime? openAt = null, string? near = null, double? radiusKm = null)
    {
        var errors = new Errors();
        var search = Read(clock, errors, q, typology, services, department, label, openNow, openAt, near, radiusKm);
        if (search is null)
        {
            return Problems.Invalid(errors);
        }

        var (ids, total) = await search.RunAsync(db, 1, MaxMarkers, cancellationToken);
        var found = ids.Select(hit => hit.Id).ToList();
        var places = await db.Places.AsNoTracking().Where(place => found.Contains(place.Id))
            .Select(place => new PlaceMarker(place.Id, place.Name, place.Typology, place.Latitude, place.Longitude))
            .ToDictionaryAsync(marker => marker.Id, cancellationToken);
        return TypedResults.Ok(new PlaceMarkersResponse([.. found.Where(places.ContainsKey).Select(id => places[id])], total));
    }

    /// <summary>The search's filters checked and read, or null with <paramref name="errors"/> filled.</summary>
    private static SearchQuery? Read(TimeProvider clock, Errors errors, string? q, string? typology, string? services, string? department,
        string? label, bool openNow, DateTime? openAt, string? near, double? radiusKm)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (text is { Length: > MaxQueryLength })
        {
            errors.Add("q", $"The search text has {MaxQueryLength} characters at most.");
        }

        PlaceTypology? typologyFilter = null;
        if (typology is not null)
        {
            if (TypologyNames.TryParse(typology, out var parsed))
            {
                typologyFilter = parsed;
            }
            else
            {
                errors.Add("typology", "The typology must be coworking, fablab, digital-mediation or hybrid.");
            }
        }

        var requiredServices = (services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var unknown in requiredServices.Where(service => !PlaceServices.IsKnown(service)))
        {
            errors.Add("services", $"Unknown service '{unknown}': {string.Join(", ", PlaceServices.All)}.");
        }

        if (department is not null && !Occitanie.Departments.Contains(department))
        {
            errors.Add("department", $"The department must be one of Occitanie's: {string.Join(", ", Occitanie.Departments.Order(StringComparer.Ordinal))}.");
        }

        if (label is not null and not ("labelled" or "not-labelled"))
        {
            errors.Add("label", "The label filter is labelled or not-labelled.");
        }

        if (openNow && openAt is not null)
        {
            errors.Add("openAt", "Ask for openNow or for openAt, not both.");
        }

        (double Latitude, double Longitude)? point = null;
        if (near is not null)
        {
            point = ParsePoint(near);
            if (point is null)
            {
                errors.Add("near", "near is 'latitude,longitude' in degrees, like near=43.18,3.00.");
            }
        }

        if (radiusKm is not null && (near is null || double.IsNaN(radiusKm.Value) || radiusKm is <= 0 or > MaxRadiusKm))
        {
            errors.Add("radiusKm", $"radiusKm goes with near, between 0 and {MaxRadiusKm} km.");
        }

        if (errors.Any)
        {
            return null;
        }

        var localNow = NetworkClock.LocalTime(clock.GetUtcNow());
        var openMinute = openNow ? OpeningHours.MinuteOfWeek(localNow) : openAt is { } at ? OpeningHours.MinuteOfWeek(at) : (int?)null;
        return new SearchQuery(text, typologyFilter, requiredServices, department, label, DateOnly.FromDateTime(localNow), openMinute, point, radiusKm);
    }

    private static (double, double)? ParsePoint(string near)
    {
        var parts = near.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180
                ? (latitude, longitude)
                : null;
    }

    /// <summary>The filters as one parameterised SQL query over the indexed columns.</summary>
    private sealed record SearchQuery(string? Text, PlaceTypology? Typology, string[] Services, string? Department, string? Label,
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
}
