namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// What a person is told, before it is addressed: the same words in the inbox and in both parts of the email.
/// </summary>
/// <param name="Kind">What happened, e.g. booking-confirmed; with the event and the recipient, what makes it unique.</param>
/// <param name="Essential">Security, cancellations and accounts: sent whatever the member's preferences.</param>
/// <param name="Paragraphs">The body, in French, one paragraph each.</param>
/// <param name="LinkIsSecret">
/// The link opens the account (choose a password): written into the email only, never into the inbox, which the
/// member's operators may read too.
/// </param>
public sealed record Message(string Kind, NotificationCategory Category, bool Essential, string Subject, IReadOnlyList<string> Paragraphs,
    string? Link = null, string? LinkText = null, bool LinkIsSecret = false);
