using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging.Jobs;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.Jobs;

/// <summary>
/// Sends the reminders that are due, each once: claimed with FOR UPDATE SKIP LOCKED (replicas share the work), told
/// through <see cref="Notifier"/> and marked sent in the same transaction.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReminderJob> logger) : PeriodicJob(clock, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var sql = $"SELECT * FROM {db.TableName<Reminder>()} WHERE \"SentAt\" IS NULL AND \"DueAt\" <= {{0}} " +
            $"ORDER BY \"DueAt\" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
        return await db.InTransactionAsync(async ct =>
        {
            var now = Clock.GetUtcNow();
            var due = await db.Reminders.FromSqlRaw(sql, now).ToListAsync(ct);
            foreach (var reminder in due)
            {
                reminder.SentAt = now;
                // A booking that starts after all: never remind of what has begun.
                if (reminder.Kind == Reminder.BookingTomorrow && reminder.StartsAt <= now)
                {
                    continue;
                }

                var place = await notifier.PlaceNameAsync(reminder.PlaceId, ct);
                var message = reminder.Kind switch
                {
                    Reminder.BookingTomorrow => Messages.BookingReminder(place, reminder.Detail, reminder.StartsAt, reminder.EndsAt),
                    Reminder.SubscriptionEnding => Messages.SubscriptionEnding(place, reminder.Detail, reminder.EndsAt),
                    _ => Messages.QualificationLapsing(reminder.Detail, reminder.EndsAt),
                };
                // Its source is the thing and its date: a renewal's new end is a new reminder, the same one is not sent twice.
                var source = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{reminder.SubjectId}/{reminder.Kind}/{reminder.EndsAt:O}")).AsSpan(0, 16));
                await notifier.NotifyAsync(source, int.MaxValue, reminder.MemberId, reminder.PlaceId, message, ct);
            }

            return due.Count == BatchSize;
        }, cancellationToken);
    }
}
