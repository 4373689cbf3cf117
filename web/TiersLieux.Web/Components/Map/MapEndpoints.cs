using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Components.Map;

/// <summary>
/// The map's markers, which its script fetches once the page is shown: the page itself lists one page of places and
/// stays light with 5,000 of them, while the map still draws every place that matches the address's filters.
/// </summary>
public static class MapEndpoints
{
    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lieux/marqueurs.json", Markers).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// How long the markers of one set of filters are served from memory (and by the browser's cache): the whole
    /// network's map is the site's most visited page, and reading 5,000 markers through the gateway for each visitor
    /// cost more than the rest of the page. A place registered or closed shows on the map within this time.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Every matching place as [id, name, latitude, longitude, typology], with the typologies' names once.</summary>
    public static async Task<IResult> Markers(HttpContext context, PlatformClient platform, Communes communes, IMemoryCache cache, string? texte,
        string? typologie, string? departement, string? service, string? ouvert, string? commune, string? pres, string? rayon, CancellationToken cancellationToken)
    {
        var address = MapAddress.Read(communes, texte, typologie, departement, service, ouvert, commune, pres, rayon);
        // Only the filters a visitor picks from lists (a bounded set of answers, the large ones among them): free text
        // and a visitor's own position would let anyone fill the memory with answers nobody asks twice.
        var kept = address.Search.Text is null && !address.NearMe;
        var key = $"map-markers:{address.Search.Filters()}";
        if (!kept || !cache.TryGetValue(key, out byte[]? json) || json is null)
        {
            PlaceMarkers markers;
            try
            {
                markers = await platform.MarkersAsync(address.Search, cancellationToken);
            }
            catch (PlatformUnavailableException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "L'annuaire des lieux ne répond pas pour le moment.");
            }

            json = JsonSerializer.SerializeToUtf8Bytes(new
            {
                types = Vocabulary.Typologies.ToDictionary(typology => typology.Code, typology => typology.Name),
                places = markers.Markers.Select(place => new object[] { place.Id, place.Name, Math.Round(place.Latitude, 5), Math.Round(place.Longitude, 5), place.Typology }),
            });
            if (kept)
            {
                cache.Set(key, json, Lifetime);
            }
        }

        context.Response.Headers.CacheControl = $"public, max-age={(int)Lifetime.TotalSeconds}";
        return TypedResults.Bytes(json, "application/json; charset=utf-8");
    }
}
