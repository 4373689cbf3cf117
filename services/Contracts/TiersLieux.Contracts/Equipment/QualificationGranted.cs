namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// A member holds a qualification (by an operator at a place, or from a completed training). Booking lets them book
/// the machines that require it at the places that recognise <paramref name="GrantedAtPlaceId"/>.
/// </summary>
/// <param name="GrantedAtPlaceId">The place that granted it; null for a network-wide training.</param>
/// <param name="ExpiresAt">When it lapses by age; it may also lapse earlier for lack of use.</param>
public sealed record QualificationGranted(Guid QualificationId, Guid MemberId, string Code, Guid? GrantedAtPlaceId, DateTimeOffset? ExpiresAt, DateTimeOffset OccurredAt);
