using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Booking;
using TiersLieux.ServiceDefaults.Messaging;

namespace TiersLieux.Booking.Api.Completion;

/// <summary>
/// Completes bookings once their period is over, without anyone asking: every minute of <see cref="TimeProvider"/>
/// time, confirmed bookings that have ended become completed and BookingCompleted (with their hours) goes out through
/// the outbox in the same transaction, for equipment's machine hours and the directory's indicators. Rows are claimed
/// with SKIP LOCKED, so replicas share the work; after downtime everything overdue is caught up.
/// </summary>
public sealed partial class CompletionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CompletionJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                while (await CompleteEndedAsync(stoppingToken) == BatchSize)
                {
                    // A backlog: keep going.
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Completes one batch of ended bookings; how many.</summary>
    public async Task<int> CompleteEndedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ended = await db.Bookings
                .FromSql($"SELECT * FROM booking.\"Bookings\" WHERE \"Status\" = 'Confirmed' AND upper(\"Period\") <= {now} ORDER BY upper(\"Period\") LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);
            var resourceIds = ended.Select(b => b.ResourceId).Distinct().ToList();
            var resources = await db.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            foreach (var booking in ended.Where(b => b.Complete()))
            {
                var resource = resources[booking.ResourceId];
                db.AddIntegrationEvent(new BookingCompleted(booking.Id, resource.Id, Resource.KindName(resource.Kind), resource.MachineId, booking.PlaceId,
                    booking.MemberId, (decimal)(booking.EndsAt - booking.StartsAt).TotalHours, booking.EndsAt), clock);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (ended.Count > 0)
            {
                LogCompleted(ended.Count);
            }

            return ended.Count;
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Completed {Count} booking(s)")]
    private partial void LogCompleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking completion failed; next attempt at the next tick")]
    private partial void LogFailed(Exception error);
}
