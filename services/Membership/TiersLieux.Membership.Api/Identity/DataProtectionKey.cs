namespace TiersLieux.Membership.Api.Identity;

/// <summary>An ASP.NET Core data-protection key, kept in membershipdb.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
