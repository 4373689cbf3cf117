using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;

namespace TiersLieux.Booking.Api.IntegrationEvents;

/// <summary>A machine registered in equipment becomes a bookable resource of its place, with its id.</summary>
public sealed class MachineRegisteredConsumer(BookingDbContext db, ILogger<MachineRegisteredConsumer> logger)
    : IdempotentConsumer<MachineRegistered, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MachineRegistered> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        await Machines.SyncAsync(Db, m.MachineId, m.PlaceId, m.Name, m.RequiredQualification, m.Status, m.Version, m.OccurredAt, cancellationToken);
    }
}

/// <summary>A machine's new name or required qualification (a MachineRegistered still on its way is stood in for).</summary>
public sealed class MachineUpdatedConsumer(BookingDbContext db, ILogger<MachineUpdatedConsumer> logger)
    : IdempotentConsumer<MachineUpdated, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MachineUpdated> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        await Machines.SyncAsync(Db, m.MachineId, m.PlaceId, m.Name, m.RequiredQualification, m.Status, m.Version, m.OccurredAt, cancellationToken);
    }
}

/// <summary>A machine that is no longer available cancels its bookings to come (the members are told).</summary>
public sealed class MachineStatusChangedConsumer(BookingDbContext db, ILogger<MachineStatusChangedConsumer> logger)
    : IdempotentConsumer<MachineStatusChanged, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MachineStatusChanged> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var resource = await Db.Resources.FirstOrDefaultAsync(r => r.MachineId == message.MachineId, cancellationToken)
            ?? throw new InvalidOperationException($"Machine {message.MachineId} is not known yet.");
        await Machines.ApplyStatusAsync(Db, resource, message.Status, message.Version, message.OccurredAt, cancellationToken);
    }
}

/// <summary>A member's qualification, kept to check machine bookings (repeats absorbed by the qualification's id).</summary>
public sealed class QualificationGrantedConsumer(BookingDbContext db, ILogger<QualificationGrantedConsumer> logger)
    : IdempotentConsumer<QualificationGranted, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationGranted> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (await Db.Qualifications.AnyAsync(q => q.QualificationId == message.QualificationId, cancellationToken))
        {
            // Already known, perhaps revoked before this grant arrived: the revocation stands.
            return;
        }

        Db.Qualifications.Add(new HeldQualification
        {
            QualificationId = message.QualificationId,
            MemberId = message.MemberId,
            Code = message.Code,
            GrantedAtPlaceId = message.GrantedAtPlaceId,
            ExpiresAt = message.ExpiresAt?.ToUniversalTime(),
        });
    }
}

/// <summary>
/// A qualification revoked or lapsed: the member's machine bookings to come that no other valid qualification covers
/// are cancelled, and they are told (BookingCancelled, reason qualification-revoked).
/// </summary>
public sealed class QualificationRevokedConsumer(BookingDbContext db, ILogger<QualificationRevokedConsumer> logger)
    : IdempotentConsumer<QualificationRevoked, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<QualificationRevoked> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var revokedAt = message.OccurredAt.ToUniversalTime();
        var member = message.MemberId;
        // The member's qualifications of this code, tracked: the revoked one is marked among them, then they decide.
        var held = await Db.Qualifications.Where(q => q.MemberId == member && q.Code == message.Code).ToListAsync(cancellationToken);
        var qualification = held.FirstOrDefault(q => q.QualificationId == message.QualificationId);
        if (qualification is null)
        {
            // Revoked before its grant arrived: remembered as revoked, so the late grant changes nothing.
            qualification = new HeldQualification { QualificationId = message.QualificationId, MemberId = member, Code = message.Code };
            Db.Qualifications.Add(qualification);
            held.Add(qualification);
        }

        qualification.RevokedAt ??= revokedAt;

        var bookings = await (from b in Db.Reservations
                              join r in Db.Resources on b.ResourceId equals r.Id
                              join p in Db.Places on r.PlaceId equals p.Id
                              where b.MemberId == member && b.Status == BookingStatus.Confirmed && r.RequiredQualification == message.Code
                                    && b.Period.UpperBound > revokedAt
                              select new { Booking = b, Place = p }).ToListAsync(cancellationToken);
        foreach (var item in bookings.Where(item => QualificationRule.Check(message.Code, item.Place, held, item.Booking.EndsAt) is not null))
        {
            BookingEvents.Cancel(Db, item.Booking, CancellationReason.QualificationRevoked, revokedAt);
        }
    }
}

/// <summary>Which other places' qualifications a place accepts for its machines (equipment's rule), applied in version order.</summary>
public sealed class RecognitionChangedConsumer(BookingDbContext db, ILogger<RecognitionChangedConsumer> logger)
    : IdempotentConsumer<RecognitionChanged, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<RecognitionChanged> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var place = await Db.Places.FirstOrDefaultAsync(p => p.Id == message.PlaceId, cancellationToken)
            ?? throw new InvalidOperationException($"Place {message.PlaceId} is not known yet.");
        if (message.Version <= place.RecognitionVersion)
        {
            return;
        }

        if (!Enum.TryParse<RecognitionMode>(message.Mode, ignoreCase: true, out var mode))
        {
            throw new InvalidMessageException($"Unknown recognition mode '{message.Mode}' for place {message.PlaceId}.");
        }

        place.Recognition = mode;
        place.AcceptedPlaceIds = [.. message.AcceptedPlaceIds];
        place.RecognitionVersion = message.Version;
    }
}

internal static class Machines
{
    /// <summary>Creates or updates the machine's resource from a whole-state machine event.</summary>
    public static async Task SyncAsync(BookingDbContext db, Guid machineId, Guid placeId, string name, string? requiredQualification, string status, int version,
        DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.MachineId == machineId, cancellationToken);
        if (resource is null)
        {
            if (!await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
            {
                // The place's PlaceRegistered is still on its way: try again shortly (redelivery).
                throw new InvalidOperationException($"Place {placeId} of machine {machineId} is not known yet.");
            }

            var (created, errors) = Resource.Create(placeId, name, ResourceKind.Machine, 1, new ResourceRules(SlotMinutes: 30, MinMinutes: 30, MaxMinutes: 480), machineId);
            resource = created ?? throw new InvalidMessageException(
                $"Machine {machineId} cannot be a resource: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
            db.Resources.Add(resource);
        }

        resource.SyncMachine(name, requiredQualification, version);
        await ApplyStatusAsync(db, resource, status, version, occurredAt, cancellationToken);
    }

    /// <summary>Applies a newer status; a machine no longer available cancels its bookings to come.</summary>
    public static async Task ApplyStatusAsync(BookingDbContext db, Resource resource, string status, int version, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var available = status == "available";
        if (resource.SyncStatus(available, version) && !available)
        {
            var id = resource.Id;
            await BookingEvents.CancelFutureAsync(db, b => b.ResourceId == id, CancellationReason.MachineUnavailable, occurredAt.ToUniversalTime(), cancellationToken);
        }
    }
}
