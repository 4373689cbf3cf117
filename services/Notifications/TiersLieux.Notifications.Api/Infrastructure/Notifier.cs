using System.Security.Cryptography;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure.Mail;

namespace TiersLieux.Notifications.Api.Infrastructure;

/// <summary>
/// Tells a member something: an entry in their inbox and an email queued in the same transaction as the consumer's
/// inbox claim of the event, so that one event gives one notification and one mail per recipient, whatever
/// redelivers it. The mail leaves later, through <see cref="Jobs.MailSender"/>.
/// </summary>
public sealed class Notifier(NotificationsDbContext db, TimeProvider clock, MailSignal signal, IOptions<MailSettings> mail, ILogger<Notifier> logger)
{
    /// <summary>Redeliveries (5 s, 30 s, 2 min) an event about an unknown member waits for their MemberRegistered.</summary>
    public const int UnknownRecipientRedeliveries = 3;

    public const string NetworkName = "Réseau des tiers-lieux d'Occitanie";

    /// <summary>The place's name as the directory last announced it; the network's when there is no place.</summary>
    public async Task<string> PlaceNameAsync(Guid? placeId, CancellationToken cancellationToken) =>
        placeId is { } id && await db.Places.FindAsync([id], cancellationToken) is { } place ? place.Name : NetworkName;

    /// <summary>What an event tells a member: once per (event, member, kind).</summary>
    public Task NotifyAsync(ConsumeContext context, Guid memberId, Guid? placeId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NotifyAsync(context.MessageId!.Value, context.GetRedeliveryCount(), memberId, placeId, message, cancellationToken);
    }

    /// <summary>
    /// What an event tells a place's operators, each once. Nobody operating it yet (their roles not heard of), the
    /// place has nobody to tell: written to the log, not retried (the event is about the place, not a person).
    /// </summary>
    public async Task NotifyOperatorsAsync(ConsumeContext context, Guid placeId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operators = await db.Recipients.Where(r => !r.Erased && r.OperatedPlaceIds.Contains(placeId)).Select(r => r.MemberId).ToListAsync(cancellationToken);
        if (operators.Count == 0)
        {
            logger.LogWarning("No operator known for place {PlaceId}: {Kind} not sent", placeId, message.Kind);
        }

        foreach (var member in operators)
        {
            await NotifyAsync(context.MessageId!.Value, UnknownRecipientRedeliveries, member, placeId, message, cancellationToken);
        }
    }

    /// <param name="sourceId">What caused it (an event's message id, a reminder's subject): with the member and the kind, once.</param>
    /// <param name="redeliveries">How often the cause came back already; below <see cref="UnknownRecipientRedeliveries"/>, an unknown member throws.</param>
    public async Task NotifyAsync(Guid sourceId, int redeliveries, Guid memberId, Guid? placeId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recipient = await Recipients.FindOrComeBackAsync(db, memberId, redeliveries, cancellationToken);
        if (recipient is null)
        {
            logger.LogWarning("No contact details for member {MemberId}: {Kind} not sent", memberId, message.Kind);
            return;
        }

        if (recipient.Erased)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var signature = await PlaceNameAsync(placeId, cancellationToken);
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(now), MemberId = memberId, PlaceId = placeId, SourceMessageId = sourceId, Kind = message.Kind,
            Category = message.Category, Subject = message.Subject, Body = string.Join("\n\n", message.Paragraphs), Link = message.LinkIsSecret ? null : message.Link, CreatedAt = now,
        };
        db.Notifications.Add(notification);
        // The member's choice holds for what is not essential; the inbox keeps it either way.
        if (!message.Essential && await db.EmailOptOuts.AnyAsync(o => o.MemberId == memberId && o.Category == message.Category, cancellationToken))
        {
            return;
        }

        var unsubscribeToken = message.Essential ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var unsubscribeUrl = unsubscribeToken is null ? null : new Uri(mail.Value.PublicUrl, $"/api/notifications/unsubscribe/{unsubscribeToken}").ToString();
        db.OutgoingMails.Add(new OutgoingMail
        {
            Id = Guid.CreateVersion7(now), NotificationId = notification.Id, To = recipient.Email, ToName = recipient.DisplayName, Subject = message.Subject,
            TextBody = MailComposer.Text(recipient.DisplayName, message, signature, unsubscribeUrl),
            HtmlBody = MailComposer.Html(recipient.DisplayName, message, signature, unsubscribeUrl),
            UnsubscribeUrl = unsubscribeUrl, UnsubscribeToken = unsubscribeToken, Category = message.Category,
            Status = MailStatus.Queued, CreatedAt = now, NextAttemptAt = now,
        });
        // Before the commit: the sender may look a moment too early, and then finds it at its next poll.
        signal.Queued();
    }
}
