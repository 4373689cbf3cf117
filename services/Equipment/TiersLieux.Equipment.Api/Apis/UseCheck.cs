namespace TiersLieux.Equipment.Api.Apis;

/// <summary>The answer to "may member M use machine X?": yes or no, and why.</summary>
/// <param name="Reason">allowed-no-qualification-required, qualified, machine-unavailable, not-qualified, qualification-lapsed or not-recognised.</param>
public sealed record UseCheck(Guid MachineId, Guid MemberId, Guid PlaceId, bool Allowed, string Reason, string Detail, Guid? QualificationId);
