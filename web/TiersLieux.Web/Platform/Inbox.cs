namespace TiersLieux.Web.Platform;

/// <summary>The member's newest notifications and how many are unread.</summary>
public sealed record Inbox(IReadOnlyList<InboxNotification> Items, int TotalCount, int Unread);
