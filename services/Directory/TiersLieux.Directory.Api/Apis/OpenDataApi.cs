using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.IntegrationEvents;
using TiersLieux.Directory.Api.OpenData;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>
/// /api/directory/open-data: the network's places as open data (public): GeoJSON for maps, CSV, and the national
/// schema of digital-mediation places, which the network team can also import (good rows kept, each bad row
/// reported with its reason, a second import of the same records updating them).
/// </summary>
public static class OpenDataApi
{
    public const string GeoJsonMediaType = "application/geo+json";
    public const string CsvMediaType = "text/csv";

    /// <summary>The national file for a whole region is a few megabytes.</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;

    public static RouteGroupBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var openData = app.MapGroup("/api/directory/open-data").WithTags("Open data");
        openData.MapGet("/places.geojson", PlacesGeoJson).WithName("PlacesGeoJson")
            .WithSummary("The active places as an RFC 7946 FeatureCollection (optionally one typology or département).");
        openData.MapGet("/places.csv", PlacesCsv).WithName("PlacesCsv").WithSummary("The active places as CSV (UTF-8, comma-separated, French column names).");
        openData.MapGet("/mediation-numerique.csv", ExportMediationNumerique).WithName("ExportMediationNumerique")
            .WithSummary("The digital-mediation places in the national schema of lieux de médiation numérique.");
        openData.MapPost("/mediation-numerique", ImportMediationNumerique).WithName("ImportMediationNumerique")
            .RequireAuthorization(PlatformPolicies.NetworkAdmin).DisableAntiforgery()
            .WithSummary("Imports a CSV in the national schema (text/csv body): creates or updates places by the file's id; reports rejected rows.");
        return openData;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> PlacesGeoJson(DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        string? typology = null, string? department = null)
    {
        var (query, problem) = ActivePlaces(db, typology, department);
        if (problem is not null)
        {
            return problem;
        }

        var places = await query.ToListAsync(cancellationToken);
        var json = System.Text.Json.JsonSerializer.Serialize(FeatureCollection.Of(places, NetworkClock.Today(clock)), Json);
        return TypedResults.Text(json, GeoJsonMediaType, Encoding.UTF8);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PlacesCsv(DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        string? typology = null, string? department = null)
    {
        var (query, problem) = ActivePlaces(db, typology, department);
        if (problem is not null)
        {
            return problem;
        }

        var today = NetworkClock.Today(clock);
        var rows = (await query.ToListAsync(cancellationToken)).Select(place => PlaceCsvRow.From(place, today));
        return TypedResults.File(await CsvAsync(rows), $"{CsvMediaType}; charset=utf-8", "tiers-lieux-occitanie.csv");
    }

    public static async Task<FileContentHttpResult> ExportMediationNumerique(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var places = await db.Places.AsNoTracking()
            .Where(place => place.Status == PlaceStatus.Active && place.Typology == PlaceTypology.DigitalMediation)
            .OrderBy(place => place.Name).ToListAsync(cancellationToken);
        return TypedResults.File(await CsvAsync(places.Select(MediationNumeriqueRow.From)), $"{CsvMediaType}; charset=utf-8", "lieux-mediation-numerique-occitanie.csv");
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportMediationNumerique(HttpRequest request, DirectoryDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
                detail: $"Import files have {MaxImportBytes / 1024 / 1024} MB at most: split the file.");
        }

        if (request.ContentType?.StartsWith(CsvMediaType, StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv.",
                detail: "POST the CSV itself as the body, with Content-Type: text/csv.");
        }

        List<(int Line, MediationNumeriqueRow Row)> rows;
        try
        {
            rows = await ReadAsync(request.Body, cancellationToken);
        }
        catch (Exception error) when (error is CsvHelperException or InvalidDataException)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["file"] = [Reason(error)] }, "The file is not a CSV in the national schema.");
        }

        var rejected = new List<ImportRejection>();
        var valid = new List<(int Line, string ExternalId, PlaceDetails Details)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, row) in rows)
        {
            var (details, reason) = row.ToDetails();
            if (details is null)
            {
                rejected.Add(new ImportRejection(line, row.Id, reason!));
            }
            else if (!seen.Add(row.Id!.Trim()))
            {
                rejected.Add(new ImportRejection(line, row.Id, $"id {row.Id} appears earlier in the file."));
            }
            else
            {
                valid.Add((line, MediationNumeriqueRow.ExternalPrefix + row.Id!.Trim(), details));
            }
        }

        var externalIds = valid.Select(row => row.ExternalId).ToList();
        var existing = await db.Places.Where(place => place.ExternalId != null && externalIds.Contains(place.ExternalId)).ToDictionaryAsync(place => place.ExternalId!, cancellationToken);
        var now = clock.GetUtcNow();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (line, externalId, details) in valid)
        {
            if (existing.TryGetValue(externalId, out var place))
            {
                if (Content(place) == Content(Place.Register(details, now).Place!))
                {
                    unchanged++;
                    continue;
                }

                place.Update(details, now);
                db.AddIntegrationEvent(DirectoryEvents.Updated(place), clock);
                updated++;
            }
            else
            {
                var (registered, _) = Place.Register(details, now);
                registered!.LinkToExternal(externalId);
                db.Places.Add(registered);
                db.AddIntegrationEvent(DirectoryEvents.Registered(registered), clock);
                created++;
            }
        }

        // One transaction: the good rows and their events together, or nothing if the database refuses.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ImportReport(created, updated, unchanged, rejected));
    }

    /// <summary>What a place says, without its identity, version, dates and label: equal when an import changes nothing.</summary>
    private static string Content(Place place) => System.Text.Json.JsonSerializer.Serialize(
        PlaceResponse.From(place) with { Id = Guid.Empty, Version = 0, CreatedAt = default, UpdatedAt = default, Label = null }, Json);

    private static (IQueryable<Place> Query, ProblemHttpResult? Problem) ActivePlaces(DirectoryDbContext db, string? typology, string? department)
    {
        var query = db.Places.AsNoTracking().Where(place => place.Status == PlaceStatus.Active);
        if (typology is not null)
        {
            if (!TypologyNames.TryParse(typology, out var parsed))
            {
                return (query, Problems.Invalid(new Dictionary<string, string[]> { ["typology"] = ["The typology must be coworking, fablab, digital-mediation or hybrid."] }));
            }

            query = query.Where(place => place.Typology == parsed);
        }

        if (department is not null)
        {
            if (!Occitanie.Departments.Contains(department))
            {
                return (query, Problems.Invalid(new Dictionary<string, string[]> { ["department"] = ["The department must be one of Occitanie's."] }));
            }

            query = query.Where(place => place.Department == department);
        }

        return (query.OrderBy(place => place.Name).ThenBy(place => place.Id), null);
    }

    private static async Task<List<(int Line, MediationNumeriqueRow Row)>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            MissingFieldFound = null,
            PrepareHeaderForMatch = header => header.Header.Trim().ToLowerInvariant(),
        });
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            throw new InvalidDataException("The file is empty: the first line names the columns.");
        }

        var required = new[] { "id", "nom", "commune", "code_postal", "adresse", "latitude", "longitude" };
        var missing = required.Except(csv.HeaderRecord!.Select(header => header.Trim().ToLowerInvariant())).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The header lacks the national schema's columns {string.Join(", ", missing)}.");
        }

        var rows = new List<(int, MediationNumeriqueRow)>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add((csv.Parser.RawRow, csv.GetRecord<MediationNumeriqueRow>()));
        }

        return rows;
    }

    private static async Task<byte[]> CsvAsync<T>(IEnumerable<T> rows)
    {
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            await csv.WriteRecordsAsync(rows);
        }

        return buffer.ToArray();
    }

    private static string Reason(Exception error) => error switch
    {
        InvalidDataException invalid => invalid.Message,
        CsvHelperException csv when csv.Context?.Parser is { } parser => $"Line {parser.RawRow}: the CSV cannot be read ({csv.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}).",
        _ => "The CSV cannot be read.",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Json = CreateJson();

    private static System.Text.Json.JsonSerializerOptions CreateJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
