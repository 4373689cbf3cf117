using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Directory;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.Maintenance;
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

/// <summary>A completed course that confers qualifications grants them (once per enrolment, whatever redeliveries).</summary>
public sealed class TrainingCompletedConsumer(EquipmentDbContext db, ILogger<TrainingCompletedConsumer> logger)
    : IdempotentConsumer<TrainingCompleted, EquipmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TrainingCompleted> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        foreach (var code in message.QualificationCodes.Distinct())
        {
            var type = await Db.QualificationTypes.FirstOrDefaultAsync(t => t.Code == code, cancellationToken);
            if (type is null)
            {
                // A course may confer a code the network has not defined here yet: nothing to grant, say so.
                Logger.LogWarning("Training {CourseId} confers unknown qualification {Code}: not granted to {MemberId}.", message.CourseId, code, message.MemberId);
                continue;
            }

            var qualification = Qualification.Grant(message.MemberId, type, message.PlaceId, QualificationSource.Training,
                $"training:{message.CourseId}", message.CompletedAt.ToUniversalTime());
            Db.Qualifications.Add(qualification);
            Db.AddIntegrationEvent(EquipmentEvents.Granted(qualification));
        }
    }
}

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

/// <summary>GDPR: a member's qualifications go; incidents they reported stay, no longer saying by whom.</summary>
public sealed class MemberErasedConsumer(EquipmentDbContext db, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, EquipmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var member = context.Message.MemberId;
        await Db.Qualifications.Where(q => q.MemberId == member).ExecuteDeleteAsync(cancellationToken);
        var subject = member.ToString();
        await Db.Incidents.Where(i => i.ReportedBy == subject).ExecuteUpdateAsync(set => set.SetProperty(i => i.ReportedBy, "erased"), cancellationToken);
    }
}
