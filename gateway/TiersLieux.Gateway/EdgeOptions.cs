namespace TiersLieux.Gateway;

/// <summary>The gateway's protections, from configuration section <c>Gateway</c>; the defaults suit production.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Gateway";

    /// <summary>Origins of operators' frontends allowed to call from a browser (CORS); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>The largest request body, in bytes (1 MiB): every API takes small JSON.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of an open-data import (a national CSV file), in bytes (16 MiB).</summary>
    public long MaxImportBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a request may take before the gateway answers 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public RateLimitOptions RateLimits { get; set; } = new();
}
