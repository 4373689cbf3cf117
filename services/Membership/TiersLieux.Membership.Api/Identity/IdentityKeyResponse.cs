namespace TiersLieux.Membership.Api.Identity;

/// <param name="State">upcoming (published, not signing yet), current, previous (kept for its tokens until <paramref name="KeptUntil"/>).</param>
public sealed record IdentityKeyResponse(string KeyId, string Use, string State, DateTimeOffset CreatedAt, DateTimeOffset ActiveFrom, DateTimeOffset? KeptUntil);
