using MassTransit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

public sealed class PlaceRegisteredConsumer(NotificationsDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<NotificationPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}

public sealed class PlaceUpdatedConsumer(NotificationsDbContext db, ILogger<PlaceUpdatedConsumer> logger)
    : IdempotentConsumer<PlaceUpdated, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceUpdated> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<NotificationPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}
