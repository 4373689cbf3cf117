using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// How a member signs in and what they may do beyond their own data: a password (hashed with ASP.NET Core's
/// hasher, never kept in clear), lockout after repeated failures, and the roles the network gave them
/// (place operator of some places, network team). Every member has the member role.
/// </summary>
public sealed class Account
{
    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public const int MaxFailedSignIns = 5;

    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private Account()
    {
    }

    public Guid MemberId { get; private set; }

    public string? PasswordHash { get; private set; }

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public int FailedSignIns { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsPlaceOperator { get; private set; }

    public bool IsNetworkAdmin { get; private set; }

    /// <summary>The places this member operates (acts for) when they are a place operator.</summary>
    public List<Guid> OperatedPlaceIds { get; private set; } = [];

    public int Version { get; private set; }

    public static Account For(Guid memberId) => new() { MemberId = memberId, Version = 1 };

    /// <summary>The roles their tokens carry.</summary>
    public IReadOnlyList<string> Roles =>
    [
        PlatformRoles.Member,
        .. IsPlaceOperator ? [PlatformRoles.PlaceOperator] : Array.Empty<string>(),
        .. IsNetworkAdmin ? [PlatformRoles.NetworkAdmin] : Array.Empty<string>(),
    ];

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public static Errors ValidatePassword(string? password, string field = "newPassword")
    {
        var errors = new Errors();
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            errors.Add(field, $"A password has {MinPasswordLength} to {MaxPasswordLength} characters.");
        }
        else if (password.Trim().Length != password.Length)
        {
            errors.Add(field, "A password neither starts nor ends with a space.");
        }
        else if (password.Distinct().Count() < 4)
        {
            errors.Add(field, "A password uses at least 4 different characters.");
        }

        return errors;
    }

    /// <summary>Sets a new password (already checked by <see cref="ValidatePassword"/>); clears any lockout.</summary>
    public void SetPasswordHash(string hash, DateTimeOffset now)
    {
        PasswordHash = hash;
        PasswordChangedAt = now;
        FailedSignIns = 0;
        LockedUntil = null;
        Version++;
    }

    /// <summary>
    /// A sign-in attempt, given whether the password matched. A locked account refuses even the right password
    /// (so guessing during a lockout learns nothing); the <see cref="MaxFailedSignIns"/>th wrong one locks it.
    /// </summary>
    public SignInOutcome RecordSignIn(bool passwordMatched, DateTimeOffset now)
    {
        if (PasswordHash is null)
        {
            return SignInOutcome.NoPassword;
        }

        if (IsLockedOut(now))
        {
            return SignInOutcome.LockedOut;
        }

        Version++;
        if (passwordMatched)
        {
            FailedSignIns = 0;
            LockedUntil = null;
            return SignInOutcome.SignedIn;
        }

        FailedSignIns++;
        if (FailedSignIns >= MaxFailedSignIns)
        {
            FailedSignIns = 0;
            LockedUntil = now + LockoutDuration;
            return SignInOutcome.LockedOut;
        }

        return SignInOutcome.WrongPassword;
    }

    public void Unlock()
    {
        FailedSignIns = 0;
        LockedUntil = null;
        Version++;
    }

    /// <summary>The network's decision on what this member may do beyond their own data.</summary>
    public Errors GrantRoles(bool placeOperator, IReadOnlyCollection<Guid> operatedPlaces, bool networkAdmin)
    {
        ArgumentNullException.ThrowIfNull(operatedPlaces);
        var errors = new Errors();
        if (placeOperator && operatedPlaces.Count == 0)
        {
            errors.Add("operatedPlaceIds", "A place operator acts for at least one place.");
        }

        if (!placeOperator && operatedPlaces.Count > 0)
        {
            errors.Add("operatedPlaceIds", "Only a place operator acts for places.");
        }

        if (errors.Any)
        {
            return errors;
        }

        IsPlaceOperator = placeOperator;
        OperatedPlaceIds = [.. operatedPlaces.Distinct().Order()];
        IsNetworkAdmin = networkAdmin;
        Version++;
        return errors;
    }

    /// <summary>Erasure: the member can never sign in again and keeps no role.</summary>
    public void Erase()
    {
        PasswordHash = null;
        PasswordChangedAt = null;
        FailedSignIns = 0;
        LockedUntil = null;
        IsPlaceOperator = false;
        IsNetworkAdmin = false;
        OperatedPlaceIds = [];
        Version++;
    }
}
