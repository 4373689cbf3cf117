namespace TiersLieux.Booking.Api.Domain;

/// <summary>A member's qualification as booking knows it (from equipment's QualificationGranted/Revoked).</summary>
public sealed class HeldQualification
{
    public Guid QualificationId { get; set; }

    public Guid MemberId { get; set; }

    public string Code { get; set; } = "";

    public Guid? GrantedAtPlaceId { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Revoked by an operator or lapsed (equipment announces lapses by age and by disuse).</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Valid for the whole of a booking ending at <paramref name="end"/>.</summary>
    public bool HoldsUntil(DateTimeOffset end) => RevokedAt is null && (ExpiresAt is null || end <= ExpiresAt);
}
