namespace TiersLieux.Booking.Api.Domain;

/// <summary>
/// Why a booking was cancelled: the closed set <c>BookingCancelled.Reason</c> documents, written in kebab case
/// ("machine-unavailable") in the database, in answers and in the event. Notifications words each one for the member.
/// </summary>
public enum CancellationReason
{
    /// <summary>The member, before the resource's notice.</summary>
    Member,

    /// <summary>The place's operator, at any time.</summary>
    Operator,

    MachineUnavailable,

    PlaceClosed,

    MemberSuspended,

    MemberErased,

    SubscriptionEnded,

    QualificationRevoked,
}
