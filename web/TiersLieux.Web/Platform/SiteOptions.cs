namespace TiersLieux.Web.Platform;

/// <summary>The site's own settings (section <c>Site</c>).</summary>
public sealed class SiteOptions
{
    /// <summary>The site's public address, for the sitemap and the links search engines keep.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5310");

    /// <summary>The platform's public address (the gateway): open data and the agenda's feed are read there.</summary>
    public Uri PlatformUrl { get; set; } = new("http://127.0.0.1:5300");

    /// <summary>
    /// A raster tile server for the map's background (<c>https://tiles.example/{z}/{x}/{y}.png</c>) and its
    /// attribution; without one the map shows the places on a plain background, which works offline.
    /// </summary>
    public string? TileUrl { get; set; }

    public string? TileAttribution { get; set; }

    /// <summary>The site's client at the platform's OpenID Connect server (membership), for the member space.</summary>
    public string ClientId { get; set; } = "website";

    public string? ClientSecret { get; set; }
}
