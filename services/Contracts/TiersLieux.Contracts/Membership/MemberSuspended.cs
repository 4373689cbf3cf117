namespace TiersLieux.Contracts.Membership;

/// <summary>A member may no longer book or train until reinstated: booking cancels their future bookings.</summary>
public sealed record MemberSuspended(Guid MemberId, string Reason, DateTimeOffset OccurredAt);
