namespace TiersLieux.Web.Platform;

/// <summary>A notification of the member's inbox.</summary>
public sealed record InboxNotification(Guid Id, string Kind, string Category, string Subject, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
