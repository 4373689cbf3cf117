namespace TiersLieux.Equipment.Api.Domain;

/// <summary>A member's qualification: where it comes from, and whether it still holds (age, use, revocation).</summary>
public sealed class Qualification
{
    private Qualification()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public string Code { get; private set; } = "";

    /// <summary>The place that granted it; null for a network-wide training.</summary>
    public Guid? GrantedAtPlaceId { get; private set; }

    public QualificationSource Source { get; private set; }

    public string GrantedBy { get; private set; } = "";

    public DateTimeOffset GrantedAt { get; private set; }

    /// <summary>Set from the type's validity when granted.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The last time the member used a machine that requires it; inactivity counts from here.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevocationReason { get; private set; }

    /// <summary>When QualificationRevoked went out for a lapse (expiry or disuse), so it goes out once.</summary>
    public DateTimeOffset? LapseAnnouncedAt { get; private set; }

    public static Qualification Grant(Guid memberId, QualificationType type, Guid? placeId, QualificationSource source, string grantedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new Qualification
        {
            Id = Guid.CreateVersion7(now),
            MemberId = memberId,
            Code = type.Code,
            GrantedAtPlaceId = placeId,
            Source = source,
            GrantedBy = grantedBy,
            GrantedAt = now,
            ExpiresAt = type.ValidityMonths is { } months ? now.AddMonths(months) : null,
        };
    }

    /// <summary>Why it does not hold at <paramref name="now"/>, or null when it does.</summary>
    public string? Lapse(QualificationType type, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (RevokedAt is not null)
        {
            return $"revoked: {RevocationReason}";
        }

        if (ExpiresAt is { } expires && expires <= now)
        {
            return $"expired on {expires:yyyy-MM-dd}";
        }

        if (type.InactivityMonths is { } months && (LastUsedAt ?? GrantedAt).AddMonths(months) <= now)
        {
            return $"unused for {months} months";
        }

        return null;
    }

    public bool Revoke(string reason, DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        RevocationReason = reason;
        return true;
    }

    /// <summary>The reason it lapsed at <paramref name="now"/>, the first time it is seen lapsed; null otherwise.</summary>
    public string? AnnounceLapse(QualificationType type, DateTimeOffset now)
    {
        if (RevokedAt is not null || LapseAnnouncedAt is not null || Lapse(type, now) is not { } reason)
        {
            return null;
        }

        LapseAnnouncedAt = now;
        return $"lapsed: {reason}";
    }

    public void Used(DateTimeOffset at)
    {
        if (LastUsedAt is null || at > LastUsedAt)
        {
            LastUsedAt = at;
        }
    }
}
