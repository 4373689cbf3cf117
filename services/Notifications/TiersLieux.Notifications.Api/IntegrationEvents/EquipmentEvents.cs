using MassTransit;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

public sealed class QualificationGrantedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<QualificationGrantedConsumer> logger)
    : IdempotentConsumer<QualificationGranted, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationGranted> context, CancellationToken cancellationToken)
    {
        var granted = context.Message;
        var place = await notifier.PlaceNameAsync(granted.GrantedAtPlaceId, cancellationToken);
        await notifier.NotifyAsync(context, granted.MemberId, granted.GrantedAtPlaceId, Messages.QualificationGranted(place, granted.Code, granted.ExpiresAt), cancellationToken);
    }
}

/// <summary>Revoked by an operator or lapsed: the member is told why.</summary>
public sealed class QualificationRevokedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<QualificationRevokedConsumer> logger)
    : IdempotentConsumer<QualificationRevoked, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<QualificationRevoked> context, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(context, context.Message.MemberId, null, Messages.QualificationRevoked(context.Message.Code, context.Message.Reason), cancellationToken);
}
