namespace TiersLieux.Contracts.Membership;

/// <summary>
/// A member registered by an operator has no password yet: the link to choose one, single use, until
/// <paramref name="ExpiresAt"/> (afterwards "forgot password" gives a new one). Notifications emails it as the
/// welcome; nobody else listens. The link is a secret: it is only ever written into that email.
/// </summary>
public sealed record AccountInvitationIssued(Guid MemberId, string Link, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);
