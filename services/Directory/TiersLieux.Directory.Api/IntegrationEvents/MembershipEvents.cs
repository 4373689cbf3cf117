using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Membership;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>
/// The regional indicators, kept from membership's events (members, subscriptions), booking's (hours used) and
/// training's (hours trained, learners). Each consumer runs once per message (inbox); members' events carry versions, so an older one arriving
/// late changes nothing.
/// </summary>
public sealed class MemberRegisteredIndicator(DirectoryDbContext db, ILogger<MemberRegisteredIndicator> logger)
    : IdempotentConsumer<MemberRegistered, DirectoryDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberRegistered> context, CancellationToken cancellationToken) =>
        MemberTallies.ApplyAsync(Db, context.Message.MemberId, context.Message.PlaceIds, context.Message.Version, context.Message.OccurredAt.ToUniversalTime(), cancellationToken);
}

public sealed class MemberUpdatedIndicator(DirectoryDbContext db, ILogger<MemberUpdatedIndicator> logger)
    : IdempotentConsumer<MemberUpdated, DirectoryDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberUpdated> context, CancellationToken cancellationToken) =>
        MemberTallies.ApplyAsync(Db, context.Message.MemberId, context.Message.PlaceIds, context.Message.Version, registeredAt: null, cancellationToken);
}

/// <summary>GDPR: the directory holds no personal data of members; the erased member stops counting from that day.</summary>
public sealed class MemberErasedIndicator(DirectoryDbContext db, ILogger<MemberErasedIndicator> logger)
    : IdempotentConsumer<MemberErased, DirectoryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var member = await Db.Set<MemberTally>().FirstOrDefaultAsync(m => m.MemberId == context.Message.MemberId, cancellationToken);
        if (member is null)
        {
            member = new MemberTally { MemberId = context.Message.MemberId, RegisteredAt = context.Message.OccurredAt.ToUniversalTime() };
            Db.Add(member);
        }

        member.ErasedAt ??= context.Message.OccurredAt.ToUniversalTime();
    }
}

public sealed class SubscriptionActivatedIndicator(DirectoryDbContext db, ILogger<SubscriptionActivatedIndicator> logger)
    : IdempotentConsumer<SubscriptionActivated, DirectoryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionActivated> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var subscription = await Db.Set<SubscriptionTally>().FirstOrDefaultAsync(s => s.SubscriptionId == message.SubscriptionId, cancellationToken);
        if (subscription is null)
        {
            subscription = new SubscriptionTally { SubscriptionId = message.SubscriptionId, StartsAt = message.StartsAt.ToUniversalTime() };
            Db.Add(subscription);
        }

        // Sent again on renewal (a later end) and on reinstatement: the latest end wins. An end that arrived first keeps its date.
        subscription.StartsAt = message.StartsAt.ToUniversalTime();
        subscription.PlaceIds = message.PlaceId is { } place ? [place] : [.. message.ValidAtPlaceIds];
        subscription.PlanKind = message.PlanKind;
        // Kept in UTC: PostgreSQL's timestamptz takes instants, whatever offset the publisher wrote.
        subscription.EndsAt = subscription.EndsAt > message.EndsAt ? subscription.EndsAt : message.EndsAt.ToUniversalTime();
    }
}

public sealed class SubscriptionEndedIndicator(DirectoryDbContext db, ILogger<SubscriptionEndedIndicator> logger)
    : IdempotentConsumer<SubscriptionEnded, DirectoryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionEnded> context, CancellationToken cancellationToken)
    {
        var subscription = await Db.Set<SubscriptionTally>().FirstOrDefaultAsync(s => s.SubscriptionId == context.Message.SubscriptionId, cancellationToken);
        if (subscription is null)
        {
            // Its activation is still on its way: record the end, the activation fills in the rest.
            subscription = new SubscriptionTally { SubscriptionId = context.Message.SubscriptionId, StartsAt = context.Message.OccurredAt.ToUniversalTime(), EndsAt = context.Message.OccurredAt.ToUniversalTime() };
            Db.Add(subscription);
        }

        subscription.EndedAt = context.Message.OccurredAt.ToUniversalTime();
    }
}

internal static class MemberTallies
{
    public static async Task ApplyAsync(DirectoryDbContext db, Guid memberId, IReadOnlyList<Guid> placeIds, int version, DateTimeOffset? registeredAt, CancellationToken cancellationToken)
    {
        var member = await db.Set<MemberTally>().FirstOrDefaultAsync(m => m.MemberId == memberId, cancellationToken);
        if (member is null)
        {
            member = new MemberTally { MemberId = memberId, RegisteredAt = registeredAt ?? DateTimeOffset.MinValue };
            db.Add(member);
        }

        if (registeredAt is { } at)
        {
            member.RegisteredAt = at;
        }

        if (version >= member.Version)
        {
            member.PlaceIds = [.. placeIds];
            member.Version = version;
        }
    }
}
