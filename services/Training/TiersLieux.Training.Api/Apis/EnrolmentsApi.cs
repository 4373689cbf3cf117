using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Validation;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api.Apis;

/// <summary>
/// /api/training/enrolments/{id}: a member's enrolment. Cancelling one that held a seat promotes the first on the
/// waiting list (EnrolmentConfirmed). Operators record the outcomes of long courses at the end and at six months.
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
}
