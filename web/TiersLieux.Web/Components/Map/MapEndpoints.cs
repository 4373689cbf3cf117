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

    /// <summary>Every matching place as [id, name, latitude, longitude, typology], with the typologies' names once.</summary>
    public static async Task<IResult> Markers(HttpContext context, PlatformClient platform, Communes communes, string? texte, string? typologie,
        string? departement, string? service, string? ouvert, string? commune, string? pres, string? rayon, CancellationToken cancellationToken)
    {
        var address = MapAddress.Read(communes, texte, typologie, departement, service, ouvert, commune, pres, rayon);
        PlaceMarkers markers;
        try
        {
            markers = await platform.MarkersAsync(address.Search, cancellationToken);
        }
        catch (PlatformUnavailableException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "L'annuaire des lieux ne répond pas pour le moment.");
        }

        // As long as the reference lists: a map opened twice in a minute reuses its markers ("open now" moves by the minute).
        context.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Json(new
        {
            types = Vocabulary.Typologies.ToDictionary(typology => typology.Code, typology => typology.Name),
            places = markers.Markers.Select(place => new object[] { place.Id, place.Name, Math.Round(place.Latitude, 5), Math.Round(place.Longitude, 5), place.Typology }),
        });
    }
}
