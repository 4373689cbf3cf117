using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Api.Apis;

/// <summary>
/// /api/training/figures: cohort figures per session, per course and for all of them, for sessions starting in a period (UTC days,
/// both included), for funders; JSON or CSV. The network team sees every place's; an operator their places'.
/// </summary>
public static class FiguresApi
{
    public static RouteGroupBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        var figures = app.MapGroup("/api/training/figures").WithTags("Figures").RequireAuthorization(PlatformPolicies.Operator);
        figures.MapGet("/", Report).WithName("TrainingFigures").WithSummary("Learners, hours, completion, positive exits and consented shares, per session and course.");
        figures.MapGet("/figures.csv", Csv).WithName("TrainingFiguresCsv").WithSummary("The same, one row per session, then per course, then the whole period.");
        return figures;
    }

    public static async Task<Results<Ok<FiguresReport>, ProblemHttpResult>> Report(TrainingDbContext db, Caller caller, CancellationToken cancellationToken,
        DateOnly? from = null, DateOnly? to = null)
    {
        var (report, errors) = await BuildAsync(db, caller, from, to, cancellationToken);
        return report is null ? Problems.Invalid(errors) : TypedResults.Ok(report);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(TrainingDbContext db, Caller caller, CancellationToken cancellationToken,
        DateOnly? from = null, DateOnly? to = null)
    {
        var (report, errors) = await BuildAsync(db, caller, from, to, cancellationToken);
        if (report is null)
        {
            return Problems.Invalid(errors);
        }

        static string Rate(double? rate) => rate?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";
        static string Row(string level, string id, string course, CohortFigures f) => string.Join(',', level, id, $"\"{course.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
            f.Learners, f.HoursDelivered.ToString("0.##", CultureInfo.InvariantCulture), f.LearnerHours.ToString("0.##", CultureInfo.InvariantCulture), f.Completed, Rate(f.CompletionRate),
            Rate(f.PositiveExitRate), Rate(f.PositiveExitRateAtSixMonths), f.ConsentedLearners, Rate(f.WomenShare), Rate(f.JobSeekerShare),
            Rate(f.PriorityNeighbourhoodShare), Rate(f.DisabilityShare));
        var csv = new StringBuilder("niveau,id,formation,apprenants,heures_dispensees,heures_stagiaires,achevees,taux_achevement,taux_sorties_positives,taux_sorties_positives_6_mois,apprenants_consentants,part_femmes,part_demandeurs_emploi,part_qpv,part_handicap\n");
        foreach (var session in report.Sessions)
        {
            csv.Append(Row("session", session.SessionId.ToString(), session.Course, session.Figures)).Append('\n');
        }

        foreach (var course in report.Courses)
        {
            csv.Append(Row("formation", course.CourseId.ToString(), course.Course, course.Figures)).Append('\n');
        }

        csv.Append(Row("ensemble", "", "Toutes les sessions de la période", report.Total)).Append('\n');

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"formations-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv"));
    }

    private static async Task<(FiguresReport? Report, Errors Errors)> BuildAsync(TrainingDbContext db, Caller caller, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var errors = new Errors().Require("from", from).Require("to", to);
        if (from > to)
        {
            errors.Add("to", "The period ends on or after the day it starts.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var (start, end) = (new DateTimeOffset(from!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var operated = caller.OperatedPlaces.ToList();
        var sessions = (await db.Sessions.AsNoTracking().Where(s => s.Status != SessionStatus.Cancelled && (caller.IsNetworkAdmin || operated.Contains(s.PlaceId)))
                .ToListAsync(cancellationToken))
            .Where(s => s.StartsAt >= start && s.StartsAt < end).OrderBy(s => s.StartsAt).ToList();
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => sessions.Select(s => s.CourseId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => sessionIds.Contains(e.SessionId) && e.Status == EnrolmentStatus.Confirmed).ToListAsync(cancellationToken);
        var memberIds = enrolments.Select(e => e.MemberId).Distinct().ToList();
        var learners = await db.Learners.AsNoTracking().Where(l => memberIds.Contains(l.MemberId)).ToDictionaryAsync(l => l.MemberId, cancellationToken);
        List<(Enrolment, Learner?)> Cohort(IEnumerable<Guid> ids) =>
            [.. enrolments.Where(e => ids.Contains(e.SessionId)).Select(e => (e, learners.GetValueOrDefault(e.MemberId)))];

        var perSession = sessions.Select(s => new SessionFigures(s.Id, s.CourseId, courses[s.CourseId].Title, s.PlaceId, s.StartsAt,
            CohortFigures.Of(Cohort([s.Id]), s.Hours))).ToList();
        var perCourse = sessions.GroupBy(s => s.CourseId).Select(group => new CourseFigures(group.Key, courses[group.Key].Title, courses[group.Key].Kind, group.Count(),
            CohortFigures.Of(Cohort(group.Select(s => s.Id)), group.Sum(s => s.Hours)))).OrderBy(c => c.Course, StringComparer.Ordinal).ToList();
        var total = CohortFigures.Of(Cohort(sessionIds), sessions.Sum(s => s.Hours));
        return (new FiguresReport(from.Value, to.Value, perCourse, perSession, total), errors);
    }
}
