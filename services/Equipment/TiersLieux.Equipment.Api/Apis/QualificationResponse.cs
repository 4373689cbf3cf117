using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record QualificationResponse(Guid Id, Guid MemberId, string Code, Guid? GrantedAtPlaceId, QualificationSource Source, DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Lapsed)
{
    public static QualificationResponse From(Qualification q, QualificationType type, DateTimeOffset now) =>
        new(q.Id, q.MemberId, q.Code, q.GrantedAtPlaceId, q.Source, q.GrantedAt, q.ExpiresAt, q.LastUsedAt, q.RevokedAt, q.Lapse(type, now));
}
