using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TiersLieux.Gateway;

/// <summary>The gateway's HTTPS: its certificate from <see cref="TlsOptions"/>, HTTP redirected, HSTS sent.</summary>
public static class EdgeTls
{
    public static IHostApplicationBuilder AddEdgeTls(this IHostApplicationBuilder builder)
    {
        var tls = TlsSettings(builder.Configuration);
        if (!tls.Enabled)
        {
            return builder;
        }

        // Loaded once at start: a missing or unreadable file stops the gateway with the error, rather than serve without TLS.
        var certificate = Load(tls);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = tls.HstsMaxAge;
            // The defaults skip localhost and 127.0.0.1; the gateway says it wherever it answers HTTPS.
            hsts.ExcludedHosts.Clear();
        });
        builder.Services.AddHttpsRedirection(redirection =>
        {
            redirection.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            redirection.HttpsPort = tls.HttpsPort;
        });
        return builder;
    }

    /// <summary>First in the pipeline: HSTS on HTTPS answers, and HTTP redirected, except the probes (/health, /alive), which stay plain HTTP on the private side.</summary>
    public static WebApplication UseEdgeTls(this WebApplication app)
    {
        if (!TlsSettings(app.Configuration).Enabled)
        {
            return app;
        }

        app.UseHsts();
        app.UseWhen(context => !IsProbe(context.Request.Path), https => https.UseHttpsRedirection());
        return app;
    }

    public static X509Certificate2 Load(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var path = tls.CertificatePath!;
        if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }

        if (string.IsNullOrWhiteSpace(tls.KeyPath))
        {
            throw new InvalidOperationException($"{TlsSection}:KeyPath is required with a PEM certificate ({path}).");
        }

        return string.IsNullOrEmpty(tls.Password)
            ? X509Certificate2.CreateFromPemFile(path, tls.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, tls.Password, tls.KeyPath);
    }

    private const string TlsSection = $"{EdgeOptions.Section}:Tls";

    private static TlsOptions TlsSettings(IConfiguration configuration) => configuration.GetSection(TlsSection).Get<TlsOptions>() ?? new TlsOptions();

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
