using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.Jobs;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.IntegrationEvents;

/// <summary>
/// A completed booking of a machine is real use: its hours count towards preventive maintenance (announced at once
/// when due), and the member's qualification for it is kept alive.
/// </summary>
public sealed class BookingCompletedConsumer(EquipmentDbContext db, TimeProvider clock, ILogger<BookingCompletedConsumer> logger)
    : IdempotentConsumer<BookingCompleted, EquipmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<BookingCompleted> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (message.MachineId is not { } machineId)
        {
            return;
        }

        var machine = await Db.Machines.FirstOrDefaultAsync(m => m.Id == machineId, cancellationToken);
        if (machine is null || message.Hours <= 0)
        {
            return;
        }

        // A retired machine's last bookings still happened: their hours are history, not due maintenance.
        if (machine.RecordUsage(message.Hours, clock.GetUtcNow()).Any)
        {
            return;
        }

        if (machine.RequiredQualification is { } code)
        {
            foreach (var held in await Db.Qualifications.Where(q => q.MemberId == message.MemberId && q.Code == code && q.RevokedAt == null).ToListAsync(cancellationToken))
            {
                held.Used(message.EndedAt.ToUniversalTime());
            }
        }

        await Db.SaveChangesAsync(cancellationToken);
        await MaintenanceWatch.AnnounceDueInTransactionAsync(Db, machineId, clock, cancellationToken);
    }
}
