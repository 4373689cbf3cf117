namespace TiersLieux.Contracts.Equipment;

/// <summary>A member no longer holds a qualification: revoked by an operator, or lapsed.</summary>
/// <param name="Reason">Why, in words (revoked: the operator's reason; lapsed: expired or unused).</param>
public sealed record QualificationRevoked(Guid QualificationId, Guid MemberId, string Code, string Reason, DateTimeOffset OccurredAt);
