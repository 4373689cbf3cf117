using MassTransit;
using TiersLieux.Contracts.Booking;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

/// <summary>Told at once, and reminded the day before (Paris time).</summary>
public sealed class BookingConfirmedConsumer(NotificationsDbContext db, Notifier notifier, TimeProvider clock, ILogger<BookingConfirmedConsumer> logger)
    : IdempotentConsumer<BookingConfirmed, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<BookingConfirmed> context, CancellationToken cancellationToken)
    {
        var booking = context.Message;
        var place = await notifier.PlaceNameAsync(booking.PlaceId, cancellationToken);
        await notifier.NotifyAsync(context, booking.MemberId, booking.PlaceId, Messages.BookingConfirmed(place, booking.ResourceKind, booking.StartsAt, booking.EndsAt), cancellationToken);
        await Reminders.ScheduleAsync(Db, Reminder.BookingTomorrow, booking.BookingId, booking.MemberId, booking.PlaceId, booking.ResourceKind, booking.StartsAt, booking.EndsAt,
            Reminder.BookingDueAt(booking.StartsAt, clock.GetUtcNow()), cancellationToken);
    }
}

/// <summary>Every cancellation is told, with its reason; an erased member's are not (there is nobody left to tell).</summary>
public sealed class BookingCancelledConsumer(NotificationsDbContext db, Notifier notifier, ILogger<BookingCancelledConsumer> logger)
    : IdempotentConsumer<BookingCancelled, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<BookingCancelled> context, CancellationToken cancellationToken)
    {
        var booking = context.Message;
        await Reminders.DropAsync(Db, Reminder.BookingTomorrow, booking.BookingId, cancellationToken);
        if (booking.Reason == "member-erased")
        {
            return;
        }

        var place = await notifier.PlaceNameAsync(booking.PlaceId, cancellationToken);
        await notifier.NotifyAsync(context, booking.MemberId, booking.PlaceId, Messages.BookingCancelled(place, booking.Reason, booking.StartsAt, booking.EndsAt, booking.Note), cancellationToken);
    }
}
