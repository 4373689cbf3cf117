namespace TiersLieux.Contracts.Membership;

/// <summary>
/// A member's subscription is active from <paramref name="StartsAt"/> to <paramref name="EndsAt"/> (also sent again
/// when it is renewed, with the new end). <paramref name="PlaceId"/> is null for a network pass, valid at every
/// place in <paramref name="ValidAtPlaceIds"/> (the places that accept it when it was sent).
/// </summary>
/// <param name="PlanKind">day-pass, hour-pack, monthly-coworking, annual-fablab or network-pass.</param>
/// <param name="IncludedHours">Hours included per resource kind (desk, meeting-room, machine, ...).</param>
public sealed record SubscriptionActivated(
    Guid SubscriptionId,
    Guid MemberId,
    Guid PlanId,
    string PlanKind,
    Guid? PlaceId,
    IReadOnlyList<Guid> ValidAtPlaceIds,
    IReadOnlyDictionary<string, int> IncludedHours,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OccurredAt);
