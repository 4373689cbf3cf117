using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Booking;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;

namespace TiersLieux.Booking.Api.Jobs;

/// <summary>
/// Completes bookings once their period is over, without anyone asking: every minute of <see cref="TimeProvider"/>
/// time, confirmed bookings that have ended become completed and BookingCompleted (with their hours) goes out through
/// the outbox in the same transaction, for equipment's machine hours and the directory's indicators. Rows are claimed
/// with SKIP LOCKED, so replicas share the work; after downtime everything overdue is caught up.
/// </summary>
public sealed class CompletionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CompletionJob> logger) : PeriodicJob(clock, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken) => await CompleteEndedAsync(cancellationToken) == BatchSize;

    /// <summary>Completes one batch of ended bookings; how many.</summary>
    public async Task<int> CompleteEndedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var now = Clock.GetUtcNow();
        var claimEnded = $"SELECT * FROM {db.TableName<Reservation>()} WHERE \"Status\" = 'Confirmed' AND upper(\"Period\") <= {{0}} ORDER BY upper(\"Period\") LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
        var completed = await db.InTransactionAsync(async ct =>
        {
            var ended = await db.Reservations.FromSqlRaw(claimEnded, now).ToListAsync(ct);
            var resourceIds = ended.Select(b => b.ResourceId).Distinct().ToList();
            var resources = await db.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            foreach (var booking in ended.Where(b => b.Complete()))
            {
                var resource = resources[booking.ResourceId];
                db.AddIntegrationEvent(new BookingCompleted(booking.Id, resource.Id, Resource.KindName(resource.Kind), resource.MachineId, booking.PlaceId,
                    booking.MemberId, (decimal)(booking.EndsAt - booking.StartsAt).TotalHours, booking.EndsAt), Clock);
            }

            return ended.Count;
        }, cancellationToken);
        if (completed > 0)
        {
            Logger.LogInformation("Completed {Count} booking(s)", completed);
        }

        return completed;
    }
}
