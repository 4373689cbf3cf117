using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;

namespace TiersLieux.Membership.Api.Jobs;

/// <summary>
/// Ends subscriptions on time without anyone asking: every minute of <see cref="TimeProvider"/> time, due
/// subscriptions expire and SubscriptionEnded goes out through the outbox, in the same transaction. Safe with
/// replicas (rows claimed with SKIP LOCKED) and after downtime (everything overdue is caught up).
/// </summary>
public sealed class SubscriptionExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SubscriptionExpiryJob> logger) : PeriodicJob(clock, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken) => await ExpireDueAsync(cancellationToken) == BatchSize;

    /// <summary>Expires one batch of due subscriptions; how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var now = Clock.GetUtcNow();
        var claimDue = $"SELECT * FROM {db.TableName<Subscription>()} WHERE \"Status\" IN ('Active', 'Suspended') AND \"EndsAt\" <= {{0}} ORDER BY \"EndsAt\" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
        var expired = await db.InTransactionAsync(async ct =>
        {
            var due = await db.Subscriptions.FromSqlRaw(claimDue, now).ToListAsync(ct);
            foreach (var subscription in due.Where(subscription => subscription.Expire(now)))
            {
                db.AddIntegrationEvent(MembershipEvents.Ended(subscription, now), Clock);
            }

            return due.Count;
        }, cancellationToken);
        if (expired > 0)
        {
            Logger.LogInformation("Expired {Count} subscription(s)", expired);
        }

        return expired;
    }

}
