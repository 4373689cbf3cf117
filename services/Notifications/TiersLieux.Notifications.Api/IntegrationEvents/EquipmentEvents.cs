using MassTransit;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

/// <summary>Told at once, and thirty days before it lapses by age.</summary>
public sealed class QualificationGrantedConsumer(NotificationsDbContext db, Notifier notifier, TimeProvider clock, ILogger<QualificationGrantedConsumer> logger)
    : IdempotentConsumer<QualificationGranted, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationGranted> context, CancellationToken cancellationToken)
    {
        var granted = context.Message;
        var place = await notifier.PlaceNameAsync(granted.GrantedAtPlaceId, cancellationToken);
        await notifier.NotifyAsync(context, granted.MemberId, granted.GrantedAtPlaceId, Messages.QualificationGranted(place, granted.Code, granted.ExpiresAt), cancellationToken);
        if (granted.ExpiresAt is { } expiresAt)
        {
            await Reminders.ScheduleAsync(Db, Reminder.QualificationLapsing, granted.QualificationId, granted.MemberId, granted.GrantedAtPlaceId, granted.Code,
                granted.OccurredAt, expiresAt, Reminder.BeforeEnd(expiresAt, TimeSpan.FromDays(30), clock.GetUtcNow()), cancellationToken);
        }
    }
}

/// <summary>Revoked by an operator or lapsed: the member is told why.</summary>
public sealed class QualificationRevokedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<QualificationRevokedConsumer> logger)
    : IdempotentConsumer<QualificationRevoked, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationRevoked> context, CancellationToken cancellationToken)
    {
        await Reminders.DropAsync(Db, Reminder.QualificationLapsing, context.Message.QualificationId, cancellationToken);
        await notifier.NotifyAsync(context, context.Message.MemberId, null, Messages.QualificationRevoked(context.Message.Code, context.Message.Reason), cancellationToken);
    }
}

/// <summary>A machine's name and place, to name it in operators' mails.</summary>
public sealed class MachineRegisteredConsumer(NotificationsDbContext db, ILogger<MachineRegisteredConsumer> logger)
    : IdempotentConsumer<MachineRegistered, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MachineRegistered> context, CancellationToken cancellationToken) =>
        EquipmentNames.ApplyAsync(Db, context.Message.MachineId, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}

public sealed class MachineUpdatedConsumer(NotificationsDbContext db, ILogger<MachineUpdatedConsumer> logger)
    : IdempotentConsumer<MachineUpdated, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MachineUpdated> context, CancellationToken cancellationToken) =>
        EquipmentNames.ApplyAsync(Db, context.Message.MachineId, context.Message.PlaceId, context.Message.Name, context.Message.Version, cancellationToken);
}

/// <summary>A machine's preventive maintenance is due: its place's operators are told.</summary>
public sealed class MaintenanceDueConsumer(NotificationsDbContext db, Notifier notifier, ILogger<MaintenanceDueConsumer> logger)
    : IdempotentConsumer<MaintenanceDue, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MaintenanceDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        var place = await notifier.PlaceNameAsync(due.PlaceId, cancellationToken);
        var machine = await EquipmentNames.MachineAsync(Db, due.MachineId, cancellationToken);
        await notifier.NotifyOperatorsAsync(context, due.PlaceId, Messages.MaintenanceDue(place, machine, due.Task, due.UsageHours), cancellationToken);
    }
}

/// <summary>An unsafe incident took a machine out of service: its place's operators are told at once (other changes are theirs already).</summary>
public sealed class MachineStatusChangedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<MachineStatusChangedConsumer> logger)
    : IdempotentConsumer<MachineStatusChanged, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MachineStatusChanged> context, CancellationToken cancellationToken)
    {
        var change = context.Message;
        if (change.Status != "out-of-service" || change.Reason?.StartsWith(Messages.UnsafeIncident, StringComparison.Ordinal) != true)
        {
            return;
        }

        var place = await notifier.PlaceNameAsync(change.PlaceId, cancellationToken);
        var machine = await EquipmentNames.MachineAsync(Db, change.MachineId, cancellationToken);
        await notifier.NotifyOperatorsAsync(context, change.PlaceId, Messages.MachineUnsafe(place, machine, change.Reason), cancellationToken);
    }
}

internal static class EquipmentNames
{
    public static async Task ApplyAsync(NotificationsDbContext db, Guid machineId, Guid placeId, string name, int version, CancellationToken cancellationToken)
    {
        var machine = await db.Machines.FindAsync([machineId], cancellationToken);
        if (machine is null)
        {
            db.Machines.Add(new NotificationMachine { Id = machineId, PlaceId = placeId, Name = name, Version = version });
        }
        else if (version > machine.Version)
        {
            (machine.PlaceId, machine.Name, machine.Version) = (placeId, name, version);
        }
    }

    /// <summary>Its name; "(sans nom)" when equipment's MachineRegistered has not arrived yet (another queue).</summary>
    public static async Task<string> MachineAsync(NotificationsDbContext db, Guid machineId, CancellationToken cancellationToken) =>
        await db.Machines.FindAsync([machineId], cancellationToken) is { } machine ? machine.Name : "(sans nom)";
}
