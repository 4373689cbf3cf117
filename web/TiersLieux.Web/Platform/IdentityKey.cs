namespace TiersLieux.Web.Platform;

/// <summary>A token key of membership as the network team sees it: its id and dates, never the key itself.</summary>
/// <param name="State">upcoming, current or previous.</param>
public sealed record IdentityKey(string KeyId, string Use, string State, DateTimeOffset CreatedAt, DateTimeOffset ActiveFrom, DateTimeOffset? KeptUntil);
