using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api.Jobs;

/// <summary>
/// Every five minutes of <see cref="TimeProvider"/> time: the sessions starting within 48 hours with fewer confirmed
/// learners than their minimum are announced (SessionBelowMinimum, through the outbox), once each, so their place's
/// operators decide in time to keep or cancel them. Scheduled sessions are few; their slots are one jsonb value, so
/// the start is compared here rather than in SQL. Each announcement is claimed by a conditional update: a second
/// replica, or a run after a crash, never announces it twice.
/// </summary>
public sealed class BelowMinimumJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BelowMinimumJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await AnnounceDueAsync(cancellationToken);
        return false;
    }

    /// <summary>Announces every session due now; how many.</summary>
    public async Task<int> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var now = Clock.GetUtcNow();
        var candidates = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.Minimum > 0 && s.BelowMinimumAnnouncedAt == null)
            .Select(s => new { Session = s, Confirmed = db.Enrolments.Count(e => e.SessionId == s.Id && e.Status == EnrolmentStatus.Confirmed) })
            .ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var candidate in candidates.Where(c => c.Session.IsBelowMinimumToAnnounce(c.Confirmed, now)))
        {
            announced += await AnnounceAsync(db, candidate.Session.Id, now, cancellationToken) ? 1 : 0;
        }

        if (announced > 0)
        {
            Logger.LogInformation("Announced {Count} session(s) below their minimum", announced);
        }

        return announced;
    }

    private async Task<bool> AnnounceAsync(TrainingDbContext db, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync(async ct =>
        {
            var claimed = await db.Sessions.Where(s => s.Id == sessionId && s.BelowMinimumAnnouncedAt == null && s.Status == SessionStatus.Scheduled)
                .ExecuteUpdateAsync(update => update.SetProperty(s => s.BelowMinimumAnnouncedAt, now), ct);
            if (claimed == 0)
            {
                return false;
            }

            // Counted again inside the claim: an enrolment confirmed since the first look may have lifted it.
            var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
            var confirmed = await db.Enrolments.CountAsync(e => e.SessionId == sessionId && e.Status == EnrolmentStatus.Confirmed, ct);
            if (confirmed >= session.Minimum)
            {
                // The claim rolls back with the rest: the session may fall below its minimum again later.
                return false;
            }

            var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == session.CourseId, ct);
            db.AddIntegrationEvent(TrainingEvents.BelowMinimum(session, course, confirmed, now), Clock);
            return true;
        }, cancellationToken, commitIf: announced => announced);
    }
}
