using MassTransit;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging;

namespace TiersLieux.Booking.Api.IntegrationEvents;

public sealed class PlaceRegisteredConsumer(BookingDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, BookingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<BookingPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken,
            place => place.OpeningHours = Hours(context.Message.OpeningHours));

    /// <summary>The directory's parsed weekly hours, as booking keeps them (null: the place publishes none).</summary>
    internal static List<WeeklySpan>? Hours(IReadOnlyList<OpenSpan>? spans) =>
        spans is null ? null : [.. spans.Select(span => new WeeklySpan(span.StartMinute, span.EndMinute))];
}

public sealed class PlaceUpdatedConsumer(BookingDbContext db, ILogger<PlaceUpdatedConsumer> logger)
    : IdempotentConsumer<PlaceUpdated, BookingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PlaceUpdated> context, CancellationToken cancellationToken) =>
        PlaceCopies.ApplyAsync<BookingPlace>(Db, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken,
            place => place.OpeningHours = PlaceRegisteredConsumer.Hours(context.Message.OpeningHours));
}
