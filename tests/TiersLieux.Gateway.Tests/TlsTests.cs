using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Gateway.Tests;

/// <summary>
/// The gateway as a real process with a certificate made for this test: HTTPS answered with HSTS, plain HTTP
/// redirected (the probes excepted), and requests forwarded to the services over plain HTTP, told they came in HTTPS.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tierslieux-tls-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly LogBuffer _log = new();
    private WebApplication _downstream = null!;
    private ManagedProcess _gateway = null!;
    private X509Certificate2 _certificate = null!;
    private TestTokenIssuer _tokens = null!;
    private string _http = "";
    private string _https = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _tokens = await TestTokenIssuer.SharedAsync();
        _certificate = LoopbackCertificate.Create();
        var (certificatePath, keyPath) = await LoopbackCertificate.WritePemAsync(_certificate, _directory);

        // A stand-in for every service: what reached it, and what the gateway told it about the original request.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _downstream = builder.Build();
        _downstream.Map("/{**rest}", (HttpContext context) => Results.Json(new
        {
            path = context.Request.Path.Value,
            method = context.Request.Method,
            scheme = context.Request.Scheme,
            forwardedProto = context.Request.Headers["X-Forwarded-Proto"].ToString(),
            forwardedToken = context.Request.Headers.Authorization.Count > 0,
        }));
        await _downstream.StartAsync(Cancel);
        var downstream = _downstream.Urls.First();

        _http = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}");
        _https = string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"{_http};{_https}",
            ["Identity__Authority"] = _tokens.Url,
            ["Gateway__Tls__CertificatePath"] = certificatePath,
            ["Gateway__Tls__KeyPath"] = keyPath,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (_, resource) in ResourceNames.Services)
        {
            environment[$"services__{resource}__http__0"] = downstream;
        }

        _gateway = ManagedProcess.Start("dotnet", [ProjectOutputs.Assembly(ProjectOutputs.Gateway)], _log, environment: environment,
            removeEnvironment: ["ASPNETCORE_", "DOTNET_URLS", "OTEL_"]);
        using var probe = new HttpClient();
        await _gateway.WaitUntilReadyAsync("the gateway", async token =>
        {
            try
            {
                using var health = await probe.GetAsync($"{_http}/health", token);
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200), Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync(TimeSpan.FromSeconds(10));
            await _gateway.DisposeAsync();
        }

        if (_downstream is not null)
        {
            await _downstream.DisposeAsync();
        }

        _certificate?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_gateway_answers_https_with_hsts_redirects_http_and_forwards_a_booking_told_it_came_in_https()
    {
        using var client = Client();

        using var read = await client.GetAsync($"{_https}/api/directory/places", Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("max-age=31536000", read.Headers.GetValues("Strict-Transport-Security").Single());
        var echoed = await read.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        Assert.Equal("/api/directory/places", echoed!["path"]!.GetValue<string>());
        // The hop to the service is plain HTTP; the service learns the caller's scheme (its links say https).
        Assert.Equal("http", echoed["scheme"]!.GetValue<string>());
        Assert.Equal("https", echoed["forwardedProto"]!.GetValue<string>());

        using var booking = new HttpRequestMessage(HttpMethod.Post, $"{_https}/api/booking/bookings")
        {
            Content = JsonContent.Create(new { resourceId = Guid.NewGuid(), startsAt = DateTimeOffset.UtcNow.AddDays(1), endsAt = DateTimeOffset.UtcNow.AddDays(1).AddHours(1) }),
        };
        booking.Headers.Authorization = new("Bearer", _tokens.Member(Guid.NewGuid()));
        using var booked = await client.SendAsync(booking, Cancel);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var forwarded = await booked.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        Assert.Equal("POST", forwarded!["method"]!.GetValue<string>());
        Assert.True(forwarded["forwardedToken"]!.GetValue<bool>());
        Assert.Equal("https", forwarded["forwardedProto"]!.GetValue<string>());

        // Plain HTTP is sent to the same address in HTTPS, method and body kept (308), and told nothing of HSTS.
        using var plain = await client.GetAsync($"{_http}/api/directory/places?department=11", Cancel);
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal($"{_https}/api/directory/places?department=11", plain.Headers.Location!.ToString());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        // The probes stay on plain HTTP, on the private side.
        using var health = await client.GetAsync($"{_http}/health", Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private HttpClient Client() => LoopbackCertificate.Client(_certificate);
}
