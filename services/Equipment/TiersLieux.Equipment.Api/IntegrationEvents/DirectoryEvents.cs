using MassTransit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.IntegrationEvents;

/// <summary>Equipment's copy of the directory's places (machines belong to one), highest version wins.</summary>
public sealed class PlaceRegisteredConsumer(EquipmentDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, EquipmentDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<EquipmentPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}

public sealed class PlaceUpdatedConsumer(EquipmentDbContext db, ILogger<PlaceUpdatedConsumer> logger)
    : IdempotentConsumer<PlaceUpdated, EquipmentDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceUpdated> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<EquipmentPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}
