using System.Text;
using System.Text.Encodings.Web;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.Mail;

/// <summary>Addresses a <see cref="Message"/> to a person: the same words as plain text and as simple, accessible HTML.</summary>
public static class MailComposer
{
    public static string Text(string name, Message message, string signature, string? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append("Bonjour ").Append(name).Append(",\n\n");
        foreach (var paragraph in message.Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (message.Link is not null)
        {
            text.Append(message.LinkText ?? "Voir").Append(" : ").Append(message.Link).Append("\n\n");
        }

        text.Append("— ").Append(signature).Append('\n');
        if (unsubscribeUrl is not null)
        {
            text.Append("\nNe plus recevoir ces messages : ").Append(unsubscribeUrl).Append('\n');
        }

        return text.ToString();
    }

    public static string Html(string name, Message message, string signature, string? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(html.Encode(message.Subject)).Append("</title></head>")
            .Append("<body style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;max-width:36em;margin:0 auto;padding:1em\">")
            .Append("<p>Bonjour ").Append(html.Encode(name)).Append(",</p>");
        foreach (var paragraph in message.Paragraphs)
        {
            body.Append("<p>").Append(html.Encode(paragraph)).Append("</p>");
        }

        if (message.Link is not null)
        {
            body.Append("<p><a href=\"").Append(html.Encode(message.Link)).Append("\" style=\"color:#000091\">")
                .Append(html.Encode(message.LinkText ?? "Voir")).Append("</a></p>");
        }

        body.Append("<p>— ").Append(html.Encode(signature)).Append("</p>");
        if (unsubscribeUrl is not null)
        {
            body.Append("<p style=\"font-size:14px;color:#555\"><a href=\"").Append(html.Encode(unsubscribeUrl))
                .Append("\" style=\"color:#555\">Ne plus recevoir ces messages</a></p>");
        }

        return body.Append("</body></html>").ToString();
    }
}
