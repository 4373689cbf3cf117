using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;

namespace TiersLieux.Equipment.Api.Jobs;

/// <summary>
/// Tells the other services when a qualification lapses by itself (its validity ran out, or it went unused too long):
/// QualificationRevoked with "lapsed: ...", once, through the outbox. Booking then stops taking machine bookings on it.
/// Qualifications are claimed with SKIP LOCKED, so replicas share the work.
/// </summary>
public sealed class QualificationLapseWatch(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QualificationLapseWatch> logger) : PeriodicJob(clock, logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var announced = await AnnounceLapsesAsync(scope.ServiceProvider.GetRequiredService<EquipmentDbContext>(), Clock, cancellationToken);
        if (announced > 0)
        {
            Logger.LogInformation("Announced {Count} lapsed qualification(s)", announced);
        }

        // A full batch: there may be more to announce at once.
        return announced == Batch;
    }

    /// <summary>Announces a batch of qualifications that lapsed; how many. Commits its own transaction.</summary>
    public static async Task<int> AnnounceLapsesAsync(EquipmentDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var claimLapsed = $$"""
            SELECT q.* FROM {{db.TableName<Qualification>()}} q JOIN {{db.TableName<QualificationType>()}} t ON t."Code" = q."Code"
            WHERE q."RevokedAt" IS NULL AND q."LapseAnnouncedAt" IS NULL
              AND (q."ExpiresAt" <= {0}
                   OR (t."InactivityMonths" IS NOT NULL AND coalesce(q."LastUsedAt", q."GrantedAt") + make_interval(months => t."InactivityMonths") <= {0}))
            ORDER BY q."Id" LIMIT {{Batch}}
            FOR UPDATE OF q SKIP LOCKED
            """;
        return await db.InTransactionAsync(async ct =>
        {
            var now = clock.GetUtcNow();
            var lapsed = await db.Qualifications.FromSqlRaw(claimLapsed, now).ToListAsync(ct);
            var codes = lapsed.Select(q => q.Code).Distinct().ToList();
            var types = await db.QualificationTypes.AsNoTracking().Where(t => codes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, ct);
            var announced = 0;
            foreach (var qualification in lapsed)
            {
                if (qualification.AnnounceLapse(types[qualification.Code], now) is { } reason)
                {
                    db.AddIntegrationEvent(EquipmentEvents.Revoked(qualification, reason, now), clock);
                    announced++;
                }
            }

            return announced;
        }, cancellationToken);
    }
}
