namespace TiersLieux.Membership.Api.Domain;

public enum MemberStatus
{
    Active,
    Suspended,

    /// <summary>Anonymised at the member's request: the row stays for aggregate figures, nothing identifies them.</summary>
    Erased,
}
