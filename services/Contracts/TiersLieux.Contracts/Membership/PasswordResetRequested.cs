namespace TiersLieux.Contracts.Membership;

/// <summary>
/// A member asked to choose a new password ("forgot password"): the link to do it, single use, until
/// <paramref name="ExpiresAt"/>. Notifications emails it (always, whatever the member's preferences); nobody else
/// listens. The link is a secret: it is only ever written into that email.
/// </summary>
public sealed record PasswordResetRequested(Guid MemberId, string Link, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);
