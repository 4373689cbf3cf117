using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using TiersLieux.Hosting.Processes;
using TiersLieux.Topology;

namespace TiersLieux.Testing.Security;

/// <summary>
/// The gateway as a real process on HTTPS (and plain HTTP, which it redirects) with a certificate made for one test,
/// every service route leading to <c>serviceUrl</c> or to the real service named; ready once its <c>/health</c> answers
/// on HTTPS with this certificate.
/// </summary>
public sealed class TlsGateway : IAsyncDisposable
{
    private readonly ManagedProcess _process;
    private readonly LogBuffer _log;
    private readonly string _directory;

    private TlsGateway(ManagedProcess process, LogBuffer log, X509Certificate2 certificate, string directory, string http, string https)
    {
        _process = process;
        _log = log;
        _directory = directory;
        Certificate = certificate;
        Http = http;
        Https = https;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The plain HTTP address (redirected to HTTPS, the probes excepted).</summary>
    public string Http { get; }

    /// <summary>The public HTTPS address.</summary>
    public string Https { get; }

    /// <param name="serviceUrl">Where every service route leads, unless <paramref name="serviceUrls"/> names the resource.</param>
    /// <param name="https">Its HTTPS address when a service must know it first (membership's issuer); else a free port.</param>
    /// <param name="serviceUrls">Real services by resource name (membership-api, booking-api…).</param>
    public static async Task<TlsGateway> StartAsync(string serviceUrl, IReadOnlyDictionary<string, string?> settings, LogBuffer log,
        CancellationToken cancellationToken, string? https = null, IReadOnlyDictionary<string, string>? serviceUrls = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Path.Combine(Path.GetTempPath(), "tierslieux-tls", Guid.NewGuid().ToString("N")[..12]);
        var certificate = LoopbackCertificate.Create();
        var (certificatePath, keyPath) = await LoopbackCertificate.WritePemAsync(certificate, directory);
        var http = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}");
        https ??= string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_URLS"] = $"{http};{https}",
            ["Gateway__Tls__CertificatePath"] = certificatePath,
            ["Gateway__Tls__KeyPath"] = keyPath,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (_, resource) in ResourceNames.Services)
        {
            environment[$"services__{resource}__http__0"] = serviceUrls?.GetValueOrDefault(resource) ?? serviceUrl;
        }

        var process = ManagedProcess.Start("dotnet", [ProjectOutputs.Assembly(ProjectOutputs.Gateway)], log, environment: environment,
            removeEnvironment: ["ASPNETCORE_", "DOTNET_URLS", "OTEL_", "services__", "ConnectionStrings__"]);
        var gateway = new TlsGateway(process, log, certificate, directory, http, https);
        try
        {
            // On HTTPS with this gateway's certificate pinned: only this process can answer it (a server of another
            // test on the same port could answer a plain /health), and Kestrel binds both addresses or neither.
            using var probe = LoopbackCertificate.Client(certificate);
            await process.WaitUntilReadyAsync("the gateway", async token =>
            {
                try
                {
                    using var health = await probe.GetAsync($"{https}/health", token);
                    return health.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>
    /// A client trusting this gateway's certificate only, following no redirect. A request that cannot reach the
    /// gateway fails with what became of its process and the last lines of the log, which a bare "connection refused"
    /// does not say.
    /// </summary>
    public HttpClient Client() => new(new ProcessStatusHandler(_process, _log, LoopbackCertificate.Handler(Certificate)));

    /// <summary>Stops the gateway's process (SIGTERM), as a crash or an operator would; <see cref="DisposeAsync"/> still cleans up.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder: the machine cleans it.
        }
    }
}
