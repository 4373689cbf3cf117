using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Contracts.Membership;
using TiersLieux.Messaging;

namespace TiersLieux.Booking.Api.IntegrationEvents;

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
