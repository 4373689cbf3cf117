using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Membership;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

/// <summary>A new member: their contact details (the welcome comes with <see cref="AccountInvitationIssued"/>, which carries its link).</summary>
public sealed class MemberRegisteredConsumer(NotificationsDbContext db, ILogger<MemberRegisteredConsumer> logger)
    : IdempotentConsumer<MemberRegistered, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberRegistered> context, CancellationToken cancellationToken) =>
        Recipients.ApplyAsync(Db, context.Message.MemberId, context.Message.DisplayName, context.Message.Email, context.Message.PlaceIds, context.Message.Version,
            cancellationToken);
}

/// <summary>The welcome of a member an operator registered, with the link to choose their first password.</summary>
public sealed class AccountInvitationIssuedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<AccountInvitationIssuedConsumer> logger)
    : IdempotentConsumer<AccountInvitationIssued, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<AccountInvitationIssued> context, CancellationToken cancellationToken)
    {
        var invitation = context.Message;
        // The member's first place signs the welcome. Unknown yet (their MemberRegistered is on another queue), the
        // event comes back later: decided here, not by the notifier, so the welcome never goes out unsigned when the
        // member turns up in between.
        var recipient = await Recipients.FindOrComeBackAsync(Db, invitation.MemberId, context.GetRedeliveryCount(), cancellationToken);

        var place = recipient?.PlaceIds.Length > 0 ? recipient.PlaceIds[0] : (Guid?)null;
        await notifier.NotifyAsync(context, invitation.MemberId, place,
            Messages.AccountCreated(await notifier.PlaceNameAsync(place, cancellationToken), invitation.Link, invitation.ExpiresAt), cancellationToken);
    }
}

/// <summary>"Forgot password": the link, always sent (an account message).</summary>
public sealed class PasswordResetRequestedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<PasswordResetRequestedConsumer> logger)
    : IdempotentConsumer<PasswordResetRequested, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<PasswordResetRequested> context, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(context, context.Message.MemberId, null, Messages.PasswordReset(context.Message.Link, context.Message.ExpiresAt), cancellationToken);
}

public sealed class MemberUpdatedConsumer(NotificationsDbContext db, ILogger<MemberUpdatedConsumer> logger)
    : IdempotentConsumer<MemberUpdated, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberUpdated> context, CancellationToken cancellationToken) =>
        Recipients.ApplyAsync(Db, context.Message.MemberId, context.Message.DisplayName, context.Message.Email, context.Message.PlaceIds, context.Message.Version, cancellationToken);
}

/// <summary>The places a member operates: they hear what their places' operators must act on.</summary>
public sealed class MemberRolesChangedConsumer(NotificationsDbContext db, ILogger<MemberRolesChangedConsumer> logger)
    : IdempotentConsumer<MemberRolesChanged, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberRolesChanged> context, CancellationToken cancellationToken)
    {
        var roles = context.Message;
        // Their MemberRegistered comes on another queue: until it has, the event comes back (then is given up).
        var recipient = await Recipients.FindOrComeBackAsync(Db, roles.MemberId, context.GetRedeliveryCount(), cancellationToken);
        recipient?.TryApplyRoles(roles.OperatedPlaceIds, roles.Version);
    }
}

/// <summary>GDPR: the member's name, email, inbox and unsent mails go; a tombstone keeps later events from bringing them back.</summary>
public sealed class MemberErasedConsumer(NotificationsDbContext db, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var memberId = context.Message.MemberId;
        var recipient = await Db.Recipients.FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        if (recipient is null)
        {
            recipient = new Recipient { MemberId = memberId };
            Db.Recipients.Add(recipient);
        }

        recipient.Erase();
        await Db.Reminders.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        // Their mails go with their notifications (cascade).
        await Db.Notifications.Where(n => n.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Told at once, and seven days before it ends (moved when it is renewed).</summary>
public sealed class SubscriptionActivatedConsumer(NotificationsDbContext db, Notifier notifier, TimeProvider clock, ILogger<SubscriptionActivatedConsumer> logger)
    : IdempotentConsumer<SubscriptionActivated, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionActivated> context, CancellationToken cancellationToken)
    {
        var subscription = context.Message;
        var place = await notifier.PlaceNameAsync(subscription.PlaceId, cancellationToken);
        await notifier.NotifyAsync(context, subscription.MemberId, subscription.PlaceId,
            Messages.SubscriptionActivated(place, subscription.PlanKind, subscription.StartsAt, subscription.EndsAt), cancellationToken);
        await Reminders.ScheduleAsync(Db, Reminder.SubscriptionEnding, subscription.SubscriptionId, subscription.MemberId, subscription.PlaceId, subscription.PlanKind,
            subscription.StartsAt, subscription.EndsAt, Reminder.BeforeEnd(subscription.EndsAt, TimeSpan.FromDays(7), clock.GetUtcNow()), cancellationToken);
    }
}

public sealed class SubscriptionEndedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<SubscriptionEndedConsumer> logger)
    : IdempotentConsumer<SubscriptionEnded, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SubscriptionEnded> context, CancellationToken cancellationToken)
    {
        await Reminders.DropAsync(Db, Reminder.SubscriptionEnding, context.Message.SubscriptionId, cancellationToken);
        await notifier.NotifyAsync(context, context.Message.MemberId, null, Messages.SubscriptionEnded(context.Message.Reason), cancellationToken);
    }
}
