namespace TiersLieux.Notifications.Api.Apis;

/// <summary>What a one-click unsubscribe stopped.</summary>
public sealed record UnsubscribeResponse(string Category, bool Unsubscribed);
