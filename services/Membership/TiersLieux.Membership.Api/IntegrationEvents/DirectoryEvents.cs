using MassTransit;
using TiersLieux.Contracts.Directory;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Membership.Api.IntegrationEvents;

/// <summary>Keeps membership's copy of the directory's places (plans and members name them).</summary>
public sealed class PlaceRegisteredConsumer(MembershipDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, MembershipDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken) =>
        KnownPlaces.ApplyAsync(Db, context.Message.PlaceId, context.Message.Name, context.Message.Typology, context.Message.Version, cancellationToken);
}

public sealed class PlaceUpdatedConsumer(MembershipDbContext db, ILogger<PlaceUpdatedConsumer> logger)
    : IdempotentConsumer<PlaceUpdated, MembershipDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceUpdated> context, CancellationToken cancellationToken) =>
        KnownPlaces.ApplyAsync(Db, context.Message.PlaceId, context.Message.Name, context.Message.Typology, context.Message.Version, cancellationToken);
}

internal static class KnownPlaces
{
    public static Task ApplyAsync(MembershipDbContext db, Guid placeId, string name, string typology, int version, CancellationToken cancellationToken)
        => PlaceCopies.ApplyAsync<KnownPlace>(db, placeId, name, version, cancellationToken, place => place.Typology = typology);
}
