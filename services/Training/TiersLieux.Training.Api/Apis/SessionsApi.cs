using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TiersLieux.Contracts.Training;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api.Apis;

/// <summary>
/// /api/training/sessions: sessions of courses, scheduled and cancelled by their places' operators. Every change to a
/// session's seats runs with the session's row locked (<see cref="WithSessionLockedAsync"/>), so concurrent enrolments
/// never overbook it; enrolment, attendance and completion are <see cref="EnrolmentsApi"/>'s.
/// </summary>
public static class SessionsApi
{
    public const string GetSessionRoute = "GetSession";

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/training/sessions").WithTags("Sessions");
        sessions.MapGet("/", ListSessions).WithName("ListSessions").WithSummary("Sessions to come (or of a course or place), with their seats taken.");
        sessions.MapGet("/{id:guid}", GetSession).WithName(GetSessionRoute).WithSummary("One session.");
        sessions.MapPost("/", Schedule).RequireAuthorization(PlatformPolicies.Operator).WithName("ScheduleSession")
            .WithSummary("Schedules a session at the operator's place; publishes SessionScheduled.");
        sessions.MapPost("/{id:guid}/cancellation", Cancel).RequireAuthorization(PlatformPolicies.Operator).WithName("CancelSession")
            .WithSummary("Cancels a session (below its minimum, or with a reason); SessionCancelled tells everyone enrolled or waiting.");
        return sessions;
    }

    /// <summary>The most sessions one list gives: sessions to come, or a course's or place's from the first.</summary>
    public const int MaxListed = 1000;

    public static async Task<Ok<List<SessionResponse>>> ListSessions(TrainingDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        Guid? courseId = null, Guid? placeId = null)
    {
        // The slots are one jsonb value: "to come" and the order by start are read from its first and last slot in
        // SQL, so that past sessions never crowd the ones to come out of the page.
        var sql = $$"""
            SELECT * FROM {{db.TableName<TrainingSession>()}}
            WHERE (@course IS NULL OR "CourseId" = @course) AND (@place IS NULL OR "PlaceId" = @place)
              AND (@course IS NOT NULL OR @place IS NOT NULL OR (("Slots" -> -1) ->> 'endsAt')::timestamptz > @now)
            ORDER BY (("Slots" -> 0) ->> 'startsAt')::timestamptz, "Id"
            LIMIT {{MaxListed}}
            """;
        var shown = await db.Sessions.FromSqlRaw(sql, Uuid("course", courseId), Uuid("place", placeId),
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow() }).AsNoTracking().ToListAsync(cancellationToken);
        var ids = shown.Select(s => s.Id).ToList();
        var counts = await db.Enrolments.Where(e => ids.Contains(e.SessionId) && e.Status != EnrolmentStatus.Cancelled)
            .GroupBy(e => new { e.SessionId, e.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(Guid session, EnrolmentStatus status) => counts.FirstOrDefault(c => c.SessionId == session && c.Status == status)?.Count ?? 0;
        return TypedResults.Ok(shown.Select(s => SessionResponse.From(s, Count(s.Id, EnrolmentStatus.Confirmed), Count(s.Id, EnrolmentStatus.Waitlisted))).ToList());
    }

    private static NpgsqlParameter Uuid(string name, Guid? value) => new(name, NpgsqlDbType.Uuid) { Value = (object?)value ?? DBNull.Value };

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(Guid id, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return session is null ? Problems.NotFound("Session", id) : TypedResults.Ok(await ResponseAsync(db, session, cancellationToken));
    }

    public static async Task<Results<CreatedAtRoute<SessionResponse>, ProblemHttpResult>> Schedule(SessionRequest request, TrainingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Errors().Require("courseId", request.CourseId).Require("placeId", request.PlaceId);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!caller.Operates(request.PlaceId!.Value))
        {
            return Problems.Forbidden("An operator schedules sessions at the places they act for.");
        }

        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CourseId, cancellationToken);
        if (course is null)
        {
            return Problems.Invalid(errors.Add("courseId", $"No course has id {request.CourseId}."));
        }

        if (!await db.Places.AnyAsync(p => p.Id == request.PlaceId, cancellationToken))
        {
            return Problems.Invalid(errors.Add("placeId", $"No place of the network has id {request.PlaceId}."));
        }

        var now = clock.GetUtcNow();
        var (session, rejected) = TrainingSession.Schedule(course, request.PlaceId.Value, request.TrainerMemberId, request.TrainerName, request.Capacity,
            request.Minimum, request.Slots, now);
        if (session is null)
        {
            return Problems.Invalid(rejected);
        }

        db.Sessions.Add(session);
        db.AddIntegrationEvent(TrainingEvents.Scheduled(session, course, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(SessionResponse.From(session, 0, 0), GetSessionRoute, new { id = session.Id });
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Cancel(Guid id, CancellationRequest request, TrainingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Reason is { Length: > 500 })
        {
            return Problems.Invalid(new Errors().Add("reason", "The reason has 500 characters at most."));
        }

        return await WithSessionLockedAsync(db, id, async session =>
        {
            if (!caller.Operates(session.PlaceId))
            {
                return Problems.Forbidden("An operator cancels their place's sessions.");
            }

            var enrolled = await db.Enrolments.Where(e => e.SessionId == id && e.Status != EnrolmentStatus.Cancelled).ToListAsync(cancellationToken);
            var confirmed = enrolled.Count(e => e.Status == EnrolmentStatus.Confirmed);
            var reason = string.IsNullOrWhiteSpace(request.Reason)
                ? confirmed < session.Minimum ? "below-minimum" : null
                : request.Reason.Trim();
            if (reason is null)
            {
                return Problems.Invalid(new Errors().Add("reason", $"The session has {confirmed} of its minimum {session.Minimum} learners: say why it is cancelled."));
            }

            if (!session.Cancel(reason))
            {
                return Problems.Conflict("The session is over or cancelled.", $"Session {id} is {session.Status.ToString().ToLowerInvariant()}.");
            }

            // Nobody stays enrolled in a session that will not happen: every enrolment, waiting list included, is
            // cancelled with the session's reason in this transaction, so lists, rosters and counts agree at once.
            foreach (var enrolment in enrolled)
            {
                enrolment.Cancel(reason);
            }

            db.AddIntegrationEvent(new SessionCancelled(id, session.CourseId, session.PlaceId, reason, [.. enrolled.Select(e => e.MemberId)], clock.GetUtcNow()), clock);
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the session with its row locked (SELECT … FOR UPDATE), then saves, in one
    /// transaction: concurrent changes to the same session's seats queue behind each other. A returned problem
    /// rolls everything back.
    /// </summary>
    internal static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> WithSessionLockedAsync(TrainingDbContext db, Guid id,
        Func<TrainingSession, Task<ProblemHttpResult?>> change, CancellationToken cancellationToken)
    {
        var lockSession = $"SELECT * FROM {db.TableName<TrainingSession>()} WHERE \"Id\" = {{0}} FOR UPDATE";
        return await db.InTransactionAsync(async ct =>
        {
            var session = await db.Sessions.FromSqlRaw(lockSession, id).SingleOrDefaultAsync(ct);
            if (session is null)
            {
                return (Results<Ok<SessionResponse>, ProblemHttpResult>)Problems.NotFound("Session", id);
            }

            if (await change(session) is { } problem)
            {
                return problem;
            }

            // Saved before the answer is read back: the counts include this change.
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await ResponseAsync(db, session, ct));
        }, cancellationToken, commitIf: answer => answer.Result is not ProblemHttpResult);
    }

    internal static bool IsTrainerOrOperator(Caller caller, TrainingSession session) =>
        (session.TrainerMemberId is { } trainer && caller.Is(trainer)) || caller.Operates(session.PlaceId);

    private static async Task<SessionResponse> ResponseAsync(TrainingDbContext db, TrainingSession session, CancellationToken cancellationToken)
    {
        var statuses = await db.Enrolments.Where(e => e.SessionId == session.Id && e.Status != EnrolmentStatus.Cancelled).Select(e => e.Status).ToListAsync(cancellationToken);
        return SessionResponse.From(session, statuses.Count(s => s == EnrolmentStatus.Confirmed), statuses.Count(s => s == EnrolmentStatus.Waitlisted));
    }

}
