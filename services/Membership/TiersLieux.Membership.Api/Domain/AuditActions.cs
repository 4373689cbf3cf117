namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// The sensitive actions membership itself records in the audit trail (the other services' come as
/// SensitiveActionTaken, whose documentation lists every value).
/// </summary>
public static class AuditActions
{
    public const string MemberSuspended = "member-suspended";
    public const string MemberReinstated = "member-reinstated";
    public const string MemberErased = "member-erased";
    public const string PersonalDataExported = "personal-data-exported";
    public const string RolesChanged = "roles-changed";
    public const string PasswordSetByAnother = "password-set-by-another";
    public const string LockoutLifted = "lockout-lifted";
    public const string SubscriptionCancelledByOperator = "subscription-cancelled-by-operator";
    public const string IdentityKeysRotated = "identity-keys-rotated";
}
