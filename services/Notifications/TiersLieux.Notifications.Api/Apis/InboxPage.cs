namespace TiersLieux.Notifications.Api.Apis;

/// <summary>One page of an inbox, newest first, with how many are unread in all.</summary>
public sealed record InboxPage(IReadOnlyList<NotificationResponse> Items, int Page, int PageSize, int TotalCount, int Unread);
