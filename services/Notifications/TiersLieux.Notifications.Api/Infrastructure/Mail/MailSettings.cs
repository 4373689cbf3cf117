using MailKit.Security;

namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>
/// The SMTP relay (section <c>Mail</c>). The AppHost gives <c>ConnectionStrings:smtp</c> (<c>Endpoint=smtp://host:port</c>,
/// or <c>smtps://</c> for TLS from the first byte), which sets host, port and TLS; a production relay's credentials
/// and TLS mode come from <c>Mail:*</c> (see the README).
/// </summary>
public sealed class MailSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls (submission on 587), SslOnConnect (465) or Auto (STARTTLS when offered).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "ne-pas-repondre@tierslieux-occitanie.example";

    public string FromName { get; set; } = "Réseau des tiers-lieux d'Occitanie";

    /// <summary>The platform's public address (the gateway), under which the links in mails are made.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5300");

    /// <summary>How long a sender holds a mail it is sending before another may take it (a sender that died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Applies <c>Endpoint=smtp://host:port</c> (smtps: TLS on connect).</summary>
    public void ApplyConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (part[..at], part[(at + 1)..]) : ("Endpoint", part);
            if (!key.Equals("Endpoint", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(value, UriKind.Absolute, out var endpoint))
            {
                continue;
            }

            Host = endpoint.Host;
            var secure = endpoint.Scheme.Equals("smtps", StringComparison.OrdinalIgnoreCase);
            Port = endpoint.IsDefaultPort || endpoint.Port <= 0 ? (secure ? 465 : 25) : endpoint.Port;
            if (secure)
            {
                Security = SecureSocketOptions.SslOnConnect;
            }
        }
    }
}
