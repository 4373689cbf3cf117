using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>Sends queued mails through the SMTP relay with MailKit, one connection for a batch.</summary>
public sealed class SmtpMailSender(IOptions<MailSettings> options)
{
    private readonly MailSettings _settings = options.Value;

    /// <summary>
    /// Sends each mail; <paramref name="sent"/> is told of each success or refusal as it happens. Throws when the
    /// server cannot be reached or the connection drops: the mails not yet reported are to be tried again.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OutgoingMail> mails, Func<OutgoingMail, Exception?, Task> sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        ArgumentNullException.ThrowIfNull(sent);
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(_settings.Host, _settings.Port, _settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(_settings.UserName))
        {
            await client.AuthenticateAsync(_settings.UserName, _settings.Password ?? "", cancellationToken);
        }

        foreach (var mail in mails)
        {
            Exception? failure = null;
            try
            {
                await client.SendAsync(ToMime(mail), cancellationToken);
            }
            catch (Exception error) when (error is SmtpCommandException or SmtpProtocolException or IOException)
            {
                failure = error;
            }

            await sent(mail, failure);
            if (failure is not null && !client.IsConnected)
            {
                // The connection went; the rest will be tried at their next attempt.
                throw failure;
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public MimeMessage ToMime(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // The same id at every attempt: a mail a dead sender had already handed over is recognisable as a duplicate.
            MessageId = $"{mail.Id:N}@notifications.tierslieux",
            Date = mail.CreatedAt,
        };
        message.From.Add(new MailboxAddress(_settings.FromName, _settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        message.Headers.Add("X-TiersLieux-Notification", mail.NotificationId.ToString());
        if (mail.UnsubscribeUrl is not null)
        {
            // RFC 8058: one-click unsubscribe, a POST to this address, without signing in.
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{mail.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}
