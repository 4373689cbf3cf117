namespace TiersLieux.Membership.Api.Identity;

public sealed class IdentityOptions
{
    /// <summary>
    /// The issuer tokens carry; services validate it. The AppHost sets the gateway's address (the public door);
    /// unset, it is the address the server is reached at.
    /// </summary>
    public Uri? Issuer { get; set; }

    public List<ClientOptions> Clients { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a signing or encryption key serves before its successor takes over.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a new key is published before it signs. Relying parties refresh the JWKS on their own schedule (ours
    /// every hour, most libraries within 24 h), so a day ahead none meets a key id it has never seen.
    /// </summary>
    public TimeSpan KeyPublishLead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica looks for a key whose turn has come, one due, or one to delete.</summary>
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a replaced key is kept: the longest a token it signed or encrypted can live (refresh tokens
    /// usually; OpenIddict's identity tokens live 20 min and codes 5), plus clock skew.
    /// </summary>
    public TimeSpan KeyRetention => new[] { AccessTokenLifetime, RefreshTokenLifetime, TimeSpan.FromMinutes(20) }.Max() + TimeSpan.FromMinutes(5);
}
