using System.Text.RegularExpressions;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

/// <summary>
/// A kind of qualification the network recognises ("laser-cutter"), and how it lapses: after N months, or after N
/// months without using a machine that requires it. Defined once for the whole network.
/// </summary>
public sealed partial class QualificationType
{
    private QualificationType()
    {
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int? ValidityMonths { get; private set; }

    public int? InactivityMonths { get; private set; }

    public static bool IsCode(string code) => CodePattern().IsMatch(code);

    public static (QualificationType? Type, Errors Errors) Define(string? code, string? name, int? validityMonths, int? inactivityMonths)
    {
        var errors = new Errors().Require("code", code).Require("name", name);
        if (code is not null && !IsCode(code))
        {
            errors.Add("code", "A qualification code is lowercase letters, digits and dashes (40 at most).");
        }

        if (name is { Length: > 200 })
        {
            errors.Add("name", "The name has 200 characters at most.");
        }

        if (validityMonths is < 1 or > 240)
        {
            errors.Add("validityMonths", "A qualification lasts 1 to 240 months, or has no limit (null).");
        }

        if (inactivityMonths is < 1 or > 240)
        {
            errors.Add("inactivityMonths", "A qualification lapses after 1 to 240 months without use, or never (null).");
        }

        return errors.Any
            ? (null, errors)
            : (new QualificationType { Code = code!, Name = name!.Trim(), ValidityMonths = validityMonths, InactivityMonths = inactivityMonths }, errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}

public enum QualificationSource
{
    /// <summary>Granted by an operator at a place, after a check on the machine.</summary>
    Operator,

    /// <summary>Granted when training published TrainingCompleted for a course that confers it.</summary>
    Training,
}

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
