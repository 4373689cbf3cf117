using System.Globalization;
using TiersLieux.Web.Account;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Components.Console;

/// <summary>The consoles' plain endpoints: the place selector's answer and the funders' CSV downloads.</summary>
public static class ConsoleEndpoints
{
    private const string IndicatorsPage = "/console/reseau/indicateurs";

    private static readonly string[] PlaceSections = ["/membres", "/reservations", "/ressources", "/machines", "/formations", "/indicateurs", "/fiche"];

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/lieu", OpenPlace).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/reseau/indicateurs.csv", DownloadIndicators).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/reseau/formations.csv", DownloadTrainingFigures).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The place chosen in a selector, at the same section (only the console's own sections: no open redirect).</summary>
    public static IResult OpenPlace(Guid? id, string? section) =>
        id is { } place
            ? Results.LocalRedirect($"/console/lieux/{place}{(PlaceSections.Contains(section) ? section : PlaceSections[0])}")
            : Results.LocalRedirect("/console");

    /// <summary>The directory's CSV of the regional indicators (the page's "au" is included, the directory's end is not).</summary>
    public static Task<IResult> DownloadIndicators(ConsoleClient console, string? du, string? au, CancellationToken cancellationToken) =>
        DownloadAsync(du, au, (from, to) => console.IndicatorsCsvAsync(from, to.AddDays(1), cancellationToken), "indicateurs-tiers-lieux-occitanie");

    /// <summary>Training's CSV of the cohorts of the sessions starting in the period.</summary>
    public static Task<IResult> DownloadTrainingFigures(ConsoleClient console, string? du, string? au, CancellationToken cancellationToken) =>
        DownloadAsync(du, au, (from, to) => console.TrainingFiguresCsvAsync(from, to, cancellationToken), "formations-tiers-lieux-occitanie");

    /// <summary>
    /// A CSV fetched with the person's own token: the network team gets it, anyone else the platform's refusal as the
    /// indicators page's answer; a period that is not one, an expired session or a service down lead back to the page.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string? du, string? au, Func<DateOnly, DateOnly, Task<byte[]?>> fetch, string fileName)
    {
        if (!DateOnly.TryParseExact(du, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(au, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to < from)
        {
            return Results.LocalRedirect(IndicatorsPage);
        }

        try
        {
            return await fetch(from, to) is { } csv
                ? Results.File(csv, "text/csv; charset=utf-8", $"{fileName}-{du}-{au}.csv")
                : Results.LocalRedirect(IndicatorsPage);
        }
        catch (SessionExpiredException)
        {
            return Results.LocalRedirect($"{AccountEndpoints.SignInPage}?{AccountEndpoints.ReturnParameter}={Uri.EscapeDataString(IndicatorsPage)}");
        }
        catch (PlatformUnavailableException)
        {
            return Results.LocalRedirect($"{IndicatorsPage}?du={du}&au={au}");
        }
    }
}
