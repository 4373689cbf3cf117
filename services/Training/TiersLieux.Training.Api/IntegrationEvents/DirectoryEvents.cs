using MassTransit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Api.IntegrationEvents;

public sealed class PlaceRegisteredConsumer(TrainingDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, TrainingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<TrainingPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}

public sealed class PlaceUpdatedConsumer(TrainingDbContext db, ILogger<PlaceUpdatedConsumer> logger)
    : IdempotentConsumer<PlaceUpdated, TrainingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceUpdated> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<TrainingPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}
