using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Training;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Training.Api.Apis;

/// <summary>
/// /api/training/sessions: sessions of courses, their enrolments (a waiting list promoted in order), attendance per
/// slot, completion and certificates. Every change to a session's seats runs with the session's row locked, so
/// concurrent enrolments never overbook it. Operators manage their places' sessions; a session's trainer records its
/// attendance; members enrol themselves.
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
        sessions.MapPost("/{id:guid}/enrolments", Enrol).RequireAuthorization(PlatformPolicies.SignedIn).WithName("Enrol")
            .WithSummary("Enrols a member (themselves, or by the place's operator): a seat, or the waiting list when full.");
        sessions.MapGet("/{id:guid}/enrolments", ListEnrolments).RequireAuthorization(PlatformPolicies.SignedIn).WithName("ListEnrolments")
            .WithSummary("The session's enrolments and waiting list (its trainer and place's operators).");
        sessions.MapPut("/{id:guid}/slots/{slot:int}/attendance", RecordAttendance).RequireAuthorization(PlatformPolicies.SignedIn).WithName("RecordAttendance")
            .WithSummary("The attendance sheet of one slot: present, absent or excused (the session's trainer or place's operator).");
        sessions.MapPost("/{id:guid}/completion", Complete).RequireAuthorization(PlatformPolicies.SignedIn).WithName("CompleteSession")
            .WithSummary("After the last slot: counts hours attended, completes learners with the required share, issues certificates, publishes TrainingCompleted.");
        return sessions;
    }

    public static async Task<Ok<List<SessionResponse>>> ListSessions(TrainingDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        Guid? courseId = null, Guid? placeId = null)
    {
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => (courseId == null || s.CourseId == courseId) && (placeId == null || s.PlaceId == placeId)).Take(1000).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var shown = sessions.Where(s => courseId != null || placeId != null || s.EndsAt > now).OrderBy(s => s.StartsAt).ToList();
        var ids = shown.Select(s => s.Id).ToList();
        var counts = await db.Enrolments.Where(e => ids.Contains(e.SessionId) && e.Status != EnrolmentStatus.Cancelled)
            .GroupBy(e => new { e.SessionId, e.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(Guid session, EnrolmentStatus status) => counts.FirstOrDefault(c => c.SessionId == session && c.Status == status)?.Count ?? 0;
        return TypedResults.Ok(shown.Select(s => SessionResponse.From(s, Count(s.Id, EnrolmentStatus.Confirmed), Count(s.Id, EnrolmentStatus.Waitlisted))).ToList());
    }

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

    public static async Task<Results<Created<EnrolmentResponse>, ProblemHttpResult>> Enrol(Guid id, EnrolRequest request, TrainingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = request.MemberId ?? caller.MemberId;
        if (member is not { } memberId)
        {
            return Problems.Invalid(new Errors().Add("memberId", "Who enrols: give memberId."));
        }

        Enrolment? created = null;
        int? position = null;
        var outcome = await WithSessionLockedAsync(db, id, async session =>
        {
            if (!caller.Is(memberId) && !caller.Operates(session.PlaceId))
            {
                return Problems.Forbidden("A member enrols themselves; an operator enrols members at their place's sessions.");
            }

            var now = clock.GetUtcNow();
            if (session.Status != SessionStatus.Scheduled || session.HasStarted(now))
            {
                return Problems.Conflict("Enrolment is closed.", "The session has started, ended or been cancelled.");
            }

            var active = await db.Enrolments.Where(e => e.SessionId == id && e.Status != EnrolmentStatus.Cancelled).ToListAsync(cancellationToken);
            if (active.Any(e => e.MemberId == memberId))
            {
                return Problems.Conflict("The member is enrolled already.", "One enrolment per member and session.");
            }

            var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == session.CourseId, cancellationToken);
            var missing = await MissingPrerequisitesAsync(db, memberId, course, cancellationToken);
            if (missing.Count > 0)
            {
                return Problems.Invalid(new Errors().Add("memberId", $"Complete first: {string.Join(", ", missing)}."));
            }

            created = Enrolment.Create(id, memberId, active.Count(e => e.Status == EnrolmentStatus.Confirmed) < session.Capacity, now);
            db.Enrolments.Add(created);
            if (created.Status == EnrolmentStatus.Confirmed)
            {
                db.AddIntegrationEvent(TrainingEvents.Confirmed(created, session, fromWaitingList: false, now), clock);
            }
            else
            {
                position = active.Count(e => e.Status == EnrolmentStatus.Waitlisted) + 1;
                db.AddIntegrationEvent(TrainingEvents.Waitlisted(created, session, position.Value, now), clock);
            }

            return null;
        }, cancellationToken);

        return outcome.Result is ProblemHttpResult problem
            ? problem
            : TypedResults.Created($"/api/training/enrolments/{created!.Id}", EnrolmentResponse.From(created, position));
    }

    public static async Task<Results<Ok<List<EnrolmentResponse>>, ProblemHttpResult>> ListEnrolments(Guid id, TrainingDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return Problems.NotFound("Session", id);
        }

        if (!IsTrainerOrOperator(caller, session))
        {
            return Problems.Forbidden("The session's trainer and its place's operators see who is enrolled.");
        }

        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.SessionId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var waiting = 0;
        return TypedResults.Ok(enrolments.Select(e => EnrolmentResponse.From(e, e.Status == EnrolmentStatus.Waitlisted ? ++waiting : null)).ToList());
    }

    public static async Task<Results<Ok<List<EnrolmentResponse>>, ProblemHttpResult>> RecordAttendance(Guid id, int slot, AttendanceRequest request,
        TrainingDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return Problems.NotFound("Session", id);
        }

        if (!IsTrainerOrOperator(caller, session))
        {
            return Problems.Forbidden("A session's attendance is recorded by its trainer or its place's operators.");
        }

        var errors = new Errors().Require("entries", request.Entries);
        if (slot < 0 || slot >= session.Slots.Count)
        {
            return Problems.NotFound("Slot", slot);
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return Problems.Conflict("The session is closed.", $"Session {id} is {session.Status.ToString().ToLowerInvariant()}.");
        }

        if (session.Slots[slot].StartsAt > clock.GetUtcNow())
        {
            errors.Add("slot", "Attendance is recorded once the slot has started.");
        }

        var confirmed = await db.Enrolments.Where(e => e.SessionId == id && e.Status == EnrolmentStatus.Confirmed).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var entry in request.Entries ?? [])
        {
            if (entry?.EnrolmentId is not { } enrolment || entry.Status is null)
            {
                errors.Add("entries", "Each entry names an enrolmentId and a status (present, absent, excused).");
            }
            else if (!confirmed.ContainsKey(enrolment))
            {
                errors.Add("entries", $"Enrolment {enrolment} holds no seat in this session.");
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var existing = await db.Attendance.Where(a => a.SessionId == id && a.SlotIndex == slot).ToDictionaryAsync(a => a.EnrolmentId, cancellationToken);
        foreach (var entry in request.Entries!)
        {
            if (!existing.TryGetValue(entry!.EnrolmentId!.Value, out var row))
            {
                row = new Attendance { SessionId = id, SlotIndex = slot, EnrolmentId = entry.EnrolmentId.Value };
                db.Attendance.Add(row);
            }

            row.Status = entry.Status!.Value;
            row.RecordedBy = caller.Subject ?? "trainer";
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(confirmed.Values.OrderBy(e => e.Sequence).Select(e => EnrolmentResponse.From(e)).ToList());
    }

    public static async Task<Results<Ok<List<EnrolmentResponse>>, ProblemHttpResult>> Complete(Guid id, TrainingDbContext db, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        List<Enrolment> finished = [];
        var outcome = await WithSessionLockedAsync(db, id, async session =>
        {
            if (!IsTrainerOrOperator(caller, session))
            {
                return Problems.Forbidden("A session is completed by its trainer or its place's operators.");
            }

            var now = clock.GetUtcNow();
            if (!session.Complete(now))
            {
                return Problems.Conflict("The session cannot be completed.", session.Status == SessionStatus.Scheduled
                    ? $"Its last slot ends at {session.EndsAt:yyyy-MM-dd HH:mm} UTC."
                    : $"Session {id} is {session.Status.ToString().ToLowerInvariant()}.");
            }

            var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == session.CourseId, cancellationToken);
            var present = await db.Attendance.Where(a => a.SessionId == id && a.Status == AttendanceStatus.Present).ToListAsync(cancellationToken);
            finished = await db.Enrolments.Where(e => e.SessionId == id && e.Status == EnrolmentStatus.Confirmed).ToListAsync(cancellationToken);
            foreach (var enrolment in finished)
            {
                var attended = present.Where(a => a.EnrolmentId == enrolment.Id).Sum(a => session.Slots[a.SlotIndex].Hours);
                if (enrolment.Finish(attended, session.Hours, course.RequiredAttendancePercent, now))
                {
                    db.AddIntegrationEvent(TrainingEvents.Completed(enrolment, session, course), clock);
                }
            }

            return null;
        }, cancellationToken);

        return outcome.Result is ProblemHttpResult problem ? problem : TypedResults.Ok(finished.Select(e => EnrolmentResponse.From(e)).ToList());
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

    private static async Task<List<string>> MissingPrerequisitesAsync(TrainingDbContext db, Guid memberId, Course course, CancellationToken cancellationToken)
    {
        if (course.PrerequisiteCourseIds.Count == 0)
        {
            return [];
        }

        var done = await (from enrolment in db.Enrolments
                          join session in db.Sessions on enrolment.SessionId equals session.Id
                          where enrolment.MemberId == memberId && enrolment.Completed
                          select session.CourseId).Distinct().ToListAsync(cancellationToken);
        var missing = course.PrerequisiteCourseIds.Except(done).ToList();
        return await db.Courses.Where(c => missing.Contains(c.Id)).Select(c => c.Title).ToListAsync(cancellationToken);
    }
}
