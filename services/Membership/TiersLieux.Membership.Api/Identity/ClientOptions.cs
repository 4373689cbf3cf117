namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// A client of the OpenID Connect server (configuration "Identity:Clients:&lt;i&gt;"). With a secret it is a
/// confidential back-end (client credentials, and code flow too if it has redirect URIs); without one it is a
/// public frontend (a browser or mobile app: authorization code with PKCE and refresh tokens only).
/// </summary>
public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Roles a back-end's own tokens carry (client credentials); people's roles come from their account.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The places a back-end acts for (client credentials).</summary>
    public List<Guid> PlaceIds { get; set; } = [];

    /// <summary>Where the code flow may send the browser back; exact matches only.</summary>
    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    public bool IsPublic => string.IsNullOrEmpty(ClientSecret);
}
