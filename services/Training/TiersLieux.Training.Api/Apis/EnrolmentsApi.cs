using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api.Apis;

/// <summary>
/// /api/training/enrolments/{id}: a member's enrolment. Cancelling one that held a seat promotes the first on the
/// waiting list (EnrolmentConfirmed). Operators record the outcomes of long courses at the end and at six months.
/// Under /api/training/sessions/{id}: enrolling (a seat, or the waiting list when full), the session's enrolments,
/// the attendance sheet of each slot, and completion with its certificates.
/// </summary>
public static class EnrolmentsApi
{
    public static RouteGroupBuilder MapEnrolmentsApi(this IEndpointRouteBuilder app)
    {
        var enrolments = app.MapGroup("/api/training/enrolments").WithTags("Enrolments").RequireAuthorization(PlatformPolicies.SignedIn);
        enrolments.MapGet("/", ListMine).WithName("ListMyEnrolments").WithSummary("A member's enrolments (their own; an operator those at their places' sessions; the network team all).");
        enrolments.MapPost("/{id:guid}/cancellation", Cancel).WithName("CancelEnrolment")
            .WithSummary("Cancels an enrolment (the member, or the place's operator); a freed seat goes to the first on the waiting list.");
        enrolments.MapPut("/{id:guid}/outcomes/{stage}", RecordOutcome).RequireAuthorization(PlatformPolicies.Operator).WithName("RecordOutcome")
            .WithSummary("What became of a learner of a long course or diploma: stage end or six-months.");

        // A session's enrolments, attendance and completion keep their addresses under the session.
        var ofSession = app.MapGroup("/api/training/sessions/{id:guid}").WithTags("Enrolments").RequireAuthorization(PlatformPolicies.SignedIn);
        ofSession.MapPost("/enrolments", Enrol).WithName("Enrol")
            .WithSummary("Enrols a member (themselves, or by the place's operator): a seat, or the waiting list when full.");
        ofSession.MapGet("/enrolments", ListEnrolments).WithName("ListEnrolments")
            .WithSummary("The session's enrolments and waiting list (its trainer and place's operators).");
        ofSession.MapPut("/slots/{slot:int}/attendance", RecordAttendance).WithName("RecordAttendance")
            .WithSummary("The attendance sheet of one slot: present, absent or excused (the session's trainer or place's operator).");
        ofSession.MapPost("/completion", Complete).WithName("CompleteSession")
            .WithSummary("After the last slot: counts hours attended, completes learners with the required share, issues certificates, publishes TrainingCompleted.");
        return enrolments;
    }

    public static async Task<Results<Ok<List<EnrolmentResponse>>, ProblemHttpResult>> ListMine(TrainingDbContext db, Caller caller, CancellationToken cancellationToken,
        Guid? memberId = null)
    {
        var member = memberId ?? caller.MemberId;
        if (member is not { } who)
        {
            return Problems.Invalid(new Errors().Add("memberId", "Whose enrolments: give memberId."));
        }

        if (!caller.Is(who) && !caller.IsNetworkAdmin && !caller.IsPlaceOperator)
        {
            return Problems.Forbidden("A member sees their own enrolments.");
        }

        var query = db.Enrolments.AsNoTracking().Where(e => e.MemberId == who);
        if (!caller.Is(who) && !caller.IsNetworkAdmin)
        {
            // An operator sees the member's enrolments at their own places' sessions, not their training elsewhere.
            var operated = caller.OperatedPlaces.ToList();
            query = query.Where(e => db.Sessions.Any(s => s.Id == e.SessionId && operated.Contains(s.PlaceId)));
        }

        var enrolments = await query.OrderByDescending(e => e.EnrolledAt).ToListAsync(cancellationToken);
        // Where each waiting enrolment stands now: those waiting longer in its session are promoted first.
        var waiting = enrolments.Where(e => e.Status == EnrolmentStatus.Waitlisted).Select(e => e.SessionId).ToList();
        var queues = await db.Enrolments.AsNoTracking().Where(e => waiting.Contains(e.SessionId) && e.Status == EnrolmentStatus.Waitlisted)
            .Select(e => new { e.SessionId, e.Sequence }).ToListAsync(cancellationToken);
        int? Position(Enrolment enrolment) => enrolment.Status == EnrolmentStatus.Waitlisted
            ? queues.Count(other => other.SessionId == enrolment.SessionId && other.Sequence < enrolment.Sequence) + 1
            : null;
        return TypedResults.Ok(enrolments.Select(e => EnrolmentResponse.From(e, Position(e))).ToList());
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Cancel(Guid id, TrainingDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sessionId = await db.Enrolments.Where(e => e.Id == id).Select(e => (Guid?)e.SessionId).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null)
        {
            return Problems.NotFound("Enrolment", id);
        }

        return await SessionsApi.WithSessionLockedAsync(db, sessionId.Value, async session =>
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.Id == id, cancellationToken);
            if (!caller.Is(enrolment.MemberId) && !caller.Operates(session.PlaceId))
            {
                return Problems.NotFound("Enrolment", id);
            }

            var now = clock.GetUtcNow();
            if (!enrolment.IsActive || session.Status != SessionStatus.Scheduled || session.HasStarted(now))
            {
                return Problems.Conflict("The enrolment cannot be cancelled.", "It is cancelled already, or the session has started, ended or been cancelled.");
            }

            var cancelledBy = caller.Is(enrolment.MemberId) ? "member" : "operator";
            var heldSeat = enrolment.Cancel(cancelledBy);
            db.AddIntegrationEvent(TrainingEvents.Cancelled(enrolment, session, cancelledBy, now), clock);
            if (heldSeat)
            {
                // The freed seat goes to whoever has waited longest.
                var next = await db.Enrolments.Where(e => e.SessionId == session.Id && e.Status == EnrolmentStatus.Waitlisted)
                    .OrderBy(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
                if (next is not null)
                {
                    next.Promote(now);
                    db.AddIntegrationEvent(TrainingEvents.Confirmed(next, session, fromWaitingList: true, now), clock);
                }
            }

            return null;
        }, cancellationToken);
    }

    public static async Task<Results<Ok<EnrolmentResponse>, ProblemHttpResult>> RecordOutcome(Guid id, string stage, OutcomeRequest request, TrainingDbContext db,
        Caller caller, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrolment is null)
        {
            return Problems.NotFound("Enrolment", id);
        }

        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == enrolment.SessionId, cancellationToken);
        if (!caller.Operates(session.PlaceId))
        {
            return Problems.NotFound("Enrolment", id);
        }

        var errors = new Errors().Require("outcome", request.Outcome);
        OutcomeStage? parsed = stage switch { "end" => OutcomeStage.End, "six-months" => OutcomeStage.SixMonths, _ => null };
        if (parsed is null)
        {
            errors.Add("stage", "The stage is end or six-months.");
        }

        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == session.CourseId, cancellationToken);
        if (!course.FollowsOutcomes)
        {
            errors.Add("stage", "Outcomes are followed for long courses and diplomas.");
        }

        if (session.Status != SessionStatus.Completed || enrolment.Status != EnrolmentStatus.Confirmed)
        {
            errors.Add("id", "Outcomes are recorded for the learners of a completed session.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        enrolment.RecordOutcome(parsed!.Value, request.Outcome!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EnrolmentResponse.From(enrolment));
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
        var outcome = await SessionsApi.WithSessionLockedAsync(db, id, async session =>
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

        if (!SessionsApi.IsTrainerOrOperator(caller, session))
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

        if (!SessionsApi.IsTrainerOrOperator(caller, session))
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
        var outcome = await SessionsApi.WithSessionLockedAsync(db, id, async session =>
        {
            if (!SessionsApi.IsTrainerOrOperator(caller, session))
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
