namespace TiersLieux.Membership.Api.Domain;

/// <summary>A member's attachment to a place.</summary>
public sealed record MemberPlace(Guid MemberId, Guid PlaceId);
