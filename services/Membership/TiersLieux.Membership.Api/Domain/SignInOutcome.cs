namespace TiersLieux.Membership.Api.Domain;

public enum SignInOutcome
{
    SignedIn,
    WrongPassword,

    /// <summary>Too many wrong passwords in a row: refused until <see cref="Account.LockedUntil"/>, even with the right one.</summary>
    LockedOut,

    /// <summary>No password was ever set (the member signs in once one is).</summary>
    NoPassword,
}
