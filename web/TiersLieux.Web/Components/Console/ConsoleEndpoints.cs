using System.Globalization;
using TiersLieux.Web.Account;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Components.Console;

/// <summary>The consoles' plain endpoints: the place selector's answer and the funders' CSV download.</summary>
public static class ConsoleEndpoints
{
    private static readonly string[] PlaceSections = ["/membres", "/reservations", "/ressources", "/machines", "/formations", "/indicateurs", "/fiche"];

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/lieu", OpenPlace).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/reseau/indicateurs.csv", DownloadIndicators).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The place chosen in a selector, at the same section (only the console's own sections: no open redirect).</summary>
    public static IResult OpenPlace(Guid? id, string? section) =>
        id is { } place
            ? Results.LocalRedirect($"/console/lieux/{place}{(PlaceSections.Contains(section) ? section : PlaceSections[0])}")
            : Results.LocalRedirect("/console");

    /// <summary>
    /// The directory's CSV, fetched with the person's own token: the network team gets it, anyone else the platform's
    /// refusal as the console's "not found" page.
    /// </summary>
    public static async Task<IResult> DownloadIndicators(ConsoleClient console, string? du, string? au, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(du, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(au, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to < from)
        {
            return Results.LocalRedirect("/console/reseau/indicateurs");
        }

        try
        {
            return await console.IndicatorsCsvAsync(from, to.AddDays(1), cancellationToken) is { } csv
                ? Results.File(csv, "text/csv; charset=utf-8", $"indicateurs-tiers-lieux-occitanie-{du}-{au}.csv")
                : Results.LocalRedirect("/console/reseau/indicateurs");
        }
        catch (SessionExpiredException)
        {
            return Results.LocalRedirect($"{AccountEndpoints.SignInPage}?{AccountEndpoints.ReturnParameter}={Uri.EscapeDataString("/console/reseau/indicateurs")}");
        }
        catch (PlatformUnavailableException)
        {
            return Results.LocalRedirect($"/console/reseau/indicateurs?du={du}&au={au}");
        }
    }
}
