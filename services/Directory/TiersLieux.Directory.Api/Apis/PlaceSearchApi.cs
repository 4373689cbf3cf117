using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Apis;

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
    private static PlaceSearchQuery? Read(TimeProvider clock, Errors errors, string? q, string? typology, string? services, string? department,
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
        return new PlaceSearchQuery(text, typologyFilter, requiredServices, department, label, DateOnly.FromDateTime(localNow), openMinute, point, radiusKm);
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
}
