namespace TiersLieux.Membership.Api.Domain;

public enum PasswordLinkPurpose
{
    /// <summary>The welcome of a member registered by an operator: choose a first password.</summary>
    Invitation,

    /// <summary>"Forgot password": choose a new one.</summary>
    Reset,
}
