using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>
/// /api/directory/indicators: the network's figures for funders over a period (days on Paris time, both included),
/// kept from the other services' events: members and subscriptions (membership), hours booked and machine hours used
/// (booking), hours trained and learners (training; positive exits stay in training's own cohort figures). The network team sees the region and every place;
/// an operator only their places.
/// </summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/directory/indicators").WithTags("Indicators").RequireAuthorization(PlatformPolicies.Operator);
        indicators.MapGet("/", Report).WithName("Indicators").WithSummary("Figures per place (and for the region, network team) from one day to another.");
        indicators.MapGet("/indicators.csv", Csv).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("IndicatorsCsv")
            .WithSummary("The same as CSV for funders: one row per place, then the region.");
        return indicators;
    }

    public static async Task<Results<Ok<IndicatorsReport>, ProblemHttpResult>> Report(DirectoryDbContext db, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        var (report, errors) = await BuildAsync(db, caller, clock, from, to, cancellationToken);
        return report is null ? Problems.Invalid(errors) : TypedResults.Ok(report);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(DirectoryDbContext db, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        var (report, errors) = await BuildAsync(db, caller, clock, from, to, cancellationToken);
        if (report is null)
        {
            return Problems.Invalid(errors);
        }

        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "du", "au", "lieu_id", "lieu", "departement", "typologie", "labellise", "adherents_fin_periode", "nouveaux_adherents", "abonnements_actifs_fin_periode", "abonnements_commences", "abonnements_termines", "heures_reservees", "heures_machines", "heures_formation", "apprenants" })
            {
                csv.WriteField(header);
            }

            await csv.NextRecordAsync();
            foreach (var place in report.Places)
            {
                WriteRow(csv, report, place.PlaceId.ToString(), place.Name, place.Department, TypologyNames.Of(place.Typology), place.Labelled ? "oui" : "non", place.Figures);
                await csv.NextRecordAsync();
            }

            WriteRow(csv, report, "", "Région Occitanie", "", "", "", report.Region!);
            await csv.NextRecordAsync();
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"indicateurs-tiers-lieux-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv"));
    }

    private static void WriteRow(CsvWriter csv, IndicatorsReport report, string id, string name, string department, string typology, string labelled, IndicatorFigures figures)
    {
        foreach (var field in new object[] { report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            id, name, department, typology, labelled, figures.MembersAtEnd, figures.NewMembers, figures.ActiveSubscriptionsAtEnd, figures.SubscriptionsStarted, figures.SubscriptionsEnded,
            figures.BookedHours, figures.MachineHours, figures.TrainingHours, figures.Learners })
        {
            csv.WriteField(field);
        }
    }

    private static async Task<(IndicatorsReport? Report, Errors Errors)> BuildAsync(DirectoryDbContext db, Caller caller, TimeProvider clock, DateOnly? from, DateOnly? to,
        CancellationToken cancellationToken)
    {
        var today = NetworkClock.Today(clock);
        var (first, last) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        var errors = new Errors();
        if (last < first)
        {
            errors.Add("to", "The period ends on or after the day it starts.");
        }
        else if (last.DayNumber - first.DayNumber > 3 * 366)
        {
            errors.Add("to", "A report covers three years at most.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var start = NetworkClock.StartOfDay(first);
        var end = NetworkClock.StartOfDay(last.AddDays(1));
        var operated = caller.OperatedPlaces.ToList();
        var places = await db.Places.AsNoTracking().Where(p => caller.IsNetworkAdmin || operated.Contains(p.Id))
            .OrderBy(p => p.Department).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var members = await db.MemberTallies.AsNoTracking().Where(m => m.RegisteredAt < end).ToListAsync(cancellationToken);
        var subscriptions = await db.SubscriptionTallies.AsNoTracking().Where(s => s.StartsAt < end).ToListAsync(cancellationToken);
        var usage = await db.UsageTallies.AsNoTracking().Where(u => u.At >= start && u.At < end).ToListAsync(cancellationToken);
        var perPlace = places.Select(place => new PlaceIndicators(place.Id, place.Name, place.Department, place.Typology, place.IsLabelledOn(last),
            IndicatorFigures.Count(members.Where(m => m.PlaceIds.Contains(place.Id)), subscriptions.Where(s => s.PlaceIds.Contains(place.Id)),
                usage.Where(u => u.PlaceId == place.Id), start, end))).ToList();
        var region = caller.IsNetworkAdmin ? IndicatorFigures.Count(members, subscriptions, usage, start, end) : null;
        return (new IndicatorsReport(first, last, region, perPlace), errors);
    }
}
