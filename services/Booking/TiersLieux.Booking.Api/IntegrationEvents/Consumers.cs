using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Directory;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
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

/// <summary>Who may book where: a subscription's places and resource kinds, from start to end (renewals extend it).</summary>
public sealed class SubscriptionActivatedConsumer(BookingDbContext db, ILogger<SubscriptionActivatedConsumer> logger)
    : IdempotentConsumer<SubscriptionActivated, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionActivated> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var entitlement = await Db.Entitlements.FirstOrDefaultAsync(e => e.SubscriptionId == message.SubscriptionId, cancellationToken);
        if (entitlement is null)
        {
            entitlement = new Entitlement { SubscriptionId = message.SubscriptionId, MemberId = message.MemberId };
            Db.Entitlements.Add(entitlement);
        }

        entitlement.PlaceIds = [.. message.ValidAtPlaceIds];
        entitlement.Kinds = [.. message.IncludedHours.Keys];
        entitlement.StartsAt = message.StartsAt.ToUniversalTime();
        entitlement.EndsAt = message.EndsAt.ToUniversalTime();
        // Reactivated (a reinstated member): it covers again.
        entitlement.EndedAt = null;
    }
}

public sealed class SubscriptionEndedConsumer(BookingDbContext db, ILogger<SubscriptionEndedConsumer> logger)
    : IdempotentConsumer<SubscriptionEnded, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionEnded> context, CancellationToken cancellationToken)
    {
        var entitlement = await Db.Entitlements.FirstOrDefaultAsync(e => e.SubscriptionId == context.Message.SubscriptionId, cancellationToken);
        if (entitlement is null)
        {
            entitlement = new Entitlement { SubscriptionId = context.Message.SubscriptionId, MemberId = context.Message.MemberId };
            Db.Entitlements.Add(entitlement);
        }

        entitlement.EndedAt = context.Message.OccurredAt.ToUniversalTime();
    }
}

/// <summary>A suspended member books nothing: their bookings to come are cancelled, and they are told.</summary>
public sealed class MemberSuspendedConsumer(BookingDbContext db, ILogger<MemberSuspendedConsumer> logger)
    : IdempotentConsumer<MemberSuspended, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberSuspended> context, CancellationToken cancellationToken)
    {
        var member = context.Message.MemberId;
        (await Standing.FindOrAddAsync(Db, member, cancellationToken)).Suspended = true;
        await BookingEvents.CancelFutureAsync(Db, b => b.MemberId == member, CancellationReason.MemberSuspended, context.Message.OccurredAt.ToUniversalTime(), cancellationToken);
    }
}

public sealed class MemberReinstatedConsumer(BookingDbContext db, ILogger<MemberReinstatedConsumer> logger)
    : IdempotentConsumer<MemberReinstated, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberReinstated> context, CancellationToken cancellationToken) =>
        (await Standing.FindOrAddAsync(Db, context.Message.MemberId, cancellationToken)).Suspended = false;
}

/// <summary>GDPR: an erased member's bookings to come are cancelled; past ones stay for the places' figures, under an id that names no one.</summary>
public sealed class MemberErasedConsumer(BookingDbContext db, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, BookingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var member = context.Message.MemberId;
        var standing = await Standing.FindOrAddAsync(Db, member, cancellationToken);
        standing.Erased = true;
        standing.CalendarToken = null;
        await BookingEvents.CancelFutureAsync(Db, b => b.MemberId == member, CancellationReason.MemberErased, context.Message.OccurredAt.ToUniversalTime(), cancellationToken);
    }
}

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

        var bookings = await (from b in Db.Bookings
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

internal static class Standing
{
    public static async Task<MemberStanding> FindOrAddAsync(BookingDbContext db, Guid memberId, CancellationToken cancellationToken)
    {
        var standing = await db.Members.FirstOrDefaultAsync(m => m.MemberId == memberId, cancellationToken);
        if (standing is null)
        {
            standing = new MemberStanding { MemberId = memberId };
            db.Members.Add(standing);
        }

        return standing;
    }
}
