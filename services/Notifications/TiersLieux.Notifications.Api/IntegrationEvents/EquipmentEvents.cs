using MassTransit;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

/// <summary>Told at once, and thirty days before it lapses by age.</summary>
public sealed class QualificationGrantedConsumer(NotificationsDbContext db, Notifier notifier, TimeProvider clock, ILogger<QualificationGrantedConsumer> logger)
    : IdempotentConsumer<QualificationGranted, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationGranted> context, CancellationToken cancellationToken)
    {
        var granted = context.Message;
        var place = await notifier.PlaceNameAsync(granted.GrantedAtPlaceId, cancellationToken);
        await notifier.NotifyAsync(context, granted.MemberId, granted.GrantedAtPlaceId, Messages.QualificationGranted(place, granted.Code, granted.ExpiresAt), cancellationToken);
        if (granted.ExpiresAt is { } expiresAt)
        {
            await Reminders.ScheduleAsync(Db, Reminder.QualificationLapsing, granted.QualificationId, granted.MemberId, granted.GrantedAtPlaceId, granted.Code,
                granted.OccurredAt, expiresAt, Reminder.BeforeEnd(expiresAt, TimeSpan.FromDays(30), clock.GetUtcNow()), cancellationToken);
        }
    }
}

/// <summary>Revoked by an operator or lapsed: the member is told why.</summary>
public sealed class QualificationRevokedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<QualificationRevokedConsumer> logger)
    : IdempotentConsumer<QualificationRevoked, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationRevoked> context, CancellationToken cancellationToken)
    {
        await Reminders.DropAsync(Db, Reminder.QualificationLapsing, context.Message.QualificationId, cancellationToken);
        await notifier.NotifyAsync(context, context.Message.MemberId, null, Messages.QualificationRevoked(context.Message.Code, context.Message.Reason), cancellationToken);
    }
}
