namespace TiersLieux.Gateway;

/// <summary>
/// TLS at the edge (configuration section <c>Gateway:Tls</c>): with a certificate, the gateway answers HTTPS on the
/// https addresses it is given (<c>ASPNETCORE_URLS</c>), redirects plain HTTP there and sends HSTS. The hop to the
/// services stays plain HTTP on loopback or the private network.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>A PEM certificate (its chain after it), or a PKCS#12 file (.pfx, .p12). None: no TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate (unencrypted, or encrypted with <see cref="Password"/>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 file's password, or the PEM key's.</summary>
    public string? Password { get; set; }

    /// <summary>The port plain HTTP is redirected to; by default the https address's own.</summary>
    public int? HttpsPort { get; set; }

    /// <summary>How long browsers keep to HTTPS once told (HSTS max-age).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
