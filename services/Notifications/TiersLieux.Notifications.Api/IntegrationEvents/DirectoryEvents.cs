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

/// <summary>The network's decision on a place's label application: its operators are told, with the network's note.</summary>
public sealed class LabelApplicationDecidedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<LabelApplicationDecidedConsumer> logger)
    : IdempotentConsumer<LabelApplicationDecided, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<LabelApplicationDecided> context, CancellationToken cancellationToken)
    {
        var decision = context.Message;
        var place = await notifier.PlaceNameAsync(decision.PlaceId, cancellationToken);
        await notifier.NotifyOperatorsAsync(context, decision.PlaceId,
            Messages.LabelDecided(place, decision.CampaignTitle, decision.Outcome, decision.LabelledUntil, decision.Note), cancellationToken);
    }
}
