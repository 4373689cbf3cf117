using System.Net.Sockets;
using System.Security.Authentication;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersLieux.Messaging.Database;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Notifications.Api.Infrastructure.Mail;

namespace TiersLieux.Notifications.Api.Jobs;

/// <summary>
/// Sends the queued mails: leases a batch of due ones (committed, so that another replica skips them), hands them
/// to the SMTP server, records each as sent the moment the server accepted it. When the server is down nothing is
/// lost: the mails stay queued and are tried again with backoff (<see cref="OutgoingMail.Backoff"/>). Woken by
/// <see cref="MailSignal"/> when a consumer queues a mail, and every second otherwise.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, MailSignal signal, MailMetrics metrics, TimeProvider clock, IOptions<MailSettings> settings,
    ILogger<MailSender> logger)
    : BackgroundService
{
    internal const int BatchSize = 50;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await SendDueAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "The mail queue could not be read; next attempt in {Poll}", Poll);
            }

            if (!more)
            {
                try
                {
                    await signal.WaitAsync(Poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass; true when the batch was full (more are due now).</summary>
    internal async Task<bool> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<SmtpMailSender>();
        var leased = await LeaseAsync(db, clock.GetUtcNow(), cancellationToken);
        await RecordQueueAsync(db, cancellationToken);
        if (leased.Count == 0)
        {
            return false;
        }

        try
        {
            await sender.SendAsync(leased, async (mail, refusal) =>
            {
                if (refusal is null)
                {
                    mail.Sent(clock.GetUtcNow());
                    metrics.Sent();
                }
                else
                {
                    mail.Failed(refusal.Message, clock.GetUtcNow());
                    metrics.SendFailed(1);
                }

                // At once: a sender that dies after this line does not send it again.
                await db.SaveChangesAsync(CancellationToken.None);
            }, cancellationToken);
        }
        catch (Exception error) when (error is IOException or SocketException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or AuthenticationException or TimeoutException or OperationCanceledException)
        {
            var unsent = leased.Where(mail => mail is { Status: MailStatus.Queued, LeasedUntil: not null }).ToList();
            foreach (var mail in unsent)
            {
                mail.Failed(error.Message, clock.GetUtcNow());
            }

            metrics.SendFailed(unsent.Count);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("The SMTP server at {Host}:{Port} did not take {Count} mails ({Error}); they stay queued and are tried again",
                settings.Value.Host, settings.Value.Port, unsent.Count, error.Message);
            return false;
        }

        return leased.Count == BatchSize;
    }

    /// <summary>Takes the due mails no live sender holds (FOR UPDATE SKIP LOCKED, then a lease committed on them).</summary>
    private async Task<List<OutgoingMail>> LeaseAsync(NotificationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = db.TableName<OutgoingMail>();
        var queued = MailStatus.Queued.ToString();
        var lease = settings.Value.Lease;
        // The table's name from the model; the values as parameters.
        var sql = $"SELECT * FROM {table} WHERE \"Status\" = {{0}} AND \"NextAttemptAt\" <= {{1}} AND (\"LeasedUntil\" IS NULL OR \"LeasedUntil\" < {{1}}) " +
            $"ORDER BY \"NextAttemptAt\" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
        return await db.InTransactionAsync(async ct =>
        {
            var due = await db.OutgoingMails.FromSqlRaw(sql, queued, now).ToListAsync(ct);
            foreach (var mail in due)
            {
                mail.LeasedUntil = now + lease;
                mail.Attempts++;
            }

            return due;
        }, cancellationToken);
    }

    private async Task RecordQueueAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var queued = db.OutgoingMails.Where(mail => mail.Status == MailStatus.Queued);
        var count = await queued.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTimeOffset?)null : await queued.MinAsync(mail => (DateTimeOffset?)mail.CreatedAt, cancellationToken);
        var failed = await db.OutgoingMails.LongCountAsync(mail => mail.Status == MailStatus.Failed, cancellationToken);
        metrics.RecordQueue(count, failed, oldest is { } at ? clock.GetUtcNow() - at : TimeSpan.Zero);
    }
}
