namespace TiersLieux.Membership.Api.Domain;

public enum SubscriptionStatus
{
    Active,
    Expired,
    Cancelled,

    /// <summary>Its member is suspended; reinstating the member makes it active again if it has not ended meanwhile.</summary>
    Suspended,
}
