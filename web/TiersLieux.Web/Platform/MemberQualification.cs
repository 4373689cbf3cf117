namespace TiersLieux.Web.Platform;

/// <summary>A qualification the member holds (or held: revoked, lapsed).</summary>
public sealed record MemberQualification(Guid Id, string Code, Guid? GrantedAtPlaceId, string Source, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Lapsed);
