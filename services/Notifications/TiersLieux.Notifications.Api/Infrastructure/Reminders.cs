using Microsoft.EntityFrameworkCore;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure;

/// <summary>Keeps the reminders in step with the events: made or moved when a thing is announced, dropped when it is cancelled.</summary>
public static class Reminders
{
    public static async Task ScheduleAsync(NotificationsDbContext db, string kind, Guid subjectId, Guid memberId, Guid? placeId, string detail,
        DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.SubjectId == subjectId && r.Kind == kind, cancellationToken);
        if (dueAt is null)
        {
            if (reminder is { SentAt: null })
            {
                db.Reminders.Remove(reminder);
            }

            return;
        }

        if (reminder is null)
        {
            reminder = new Reminder { SubjectId = subjectId, Kind = kind };
            db.Reminders.Add(reminder);
        }
        else if (reminder.EndsAt == endsAt && reminder.StartsAt == startsAt)
        {
            // The same announcement again: nothing moves, a sent reminder is not sent twice.
            return;
        }

        // A renewal or a new end: a new reminder for the new date.
        (reminder.MemberId, reminder.PlaceId, reminder.Detail) = (memberId, placeId, detail);
        (reminder.StartsAt, reminder.EndsAt, reminder.DueAt, reminder.SentAt) = (startsAt, endsAt, dueAt.Value, null);
    }

    public static Task DropAsync(NotificationsDbContext db, string kind, Guid subjectId, CancellationToken cancellationToken) =>
        db.Reminders.Where(r => r.SubjectId == subjectId && r.Kind == kind && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);
}
