namespace TiersLieux.Membership.Api.Identity;

/// <summary>An operator back-end allowed to get tokens with client credentials (configuration "Identity:Clients").</summary>
public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<Guid> PlaceIds { get; set; } = [];
}

public sealed class IdentityOptions
{
    /// <summary>The issuer tokens carry; services validate it. Defaults to the address the server is reached at.</summary>
    public Uri? Issuer { get; set; }

    public List<ClientOptions> Clients { get; set; } = [];
}
