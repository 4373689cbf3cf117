using MassTransit;
using TiersLieux.Contracts.Booking;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>Hours of a booking that was used: a machine's count as machine hours, the rest as booked hours.</summary>
public sealed class BookingCompletedIndicator(DirectoryDbContext db, ILogger<BookingCompletedIndicator> logger)
    : IdempotentConsumer<BookingCompleted, DirectoryDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<BookingCompleted> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        return Usage.AddAsync(Db, new UsageTally
        {
            SourceId = m.BookingId,
            Kind = m.MachineId is null ? UsageKind.Booking : UsageKind.Machine,
            PlaceId = m.PlaceId,
            MemberId = m.MemberId,
            Hours = m.Hours,
            At = m.EndedAt.ToUniversalTime(),
        }, cancellationToken);
    }
}
