using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Gateway.Tests;

/// <summary>
/// The gateway as a real process with a certificate made for this test: HTTPS answered with HSTS, plain HTTP
/// redirected (the probes excepted), and requests forwarded to the services over plain HTTP, told they came in HTTPS.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly LogBuffer _log = new();
    private WebApplication _downstream = null!;
    private TlsGateway _gateway = null!;
    private TestTokenIssuer _tokens = null!;
    private string _http = "";
    private string _https = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tokens = await TestTokenIssuer.SharedAsync();

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
        _gateway = await TlsGateway.StartAsync(_downstream.Urls.First(), new Dictionary<string, string?> { ["Identity__Authority"] = _tokens.Url }, _log, Cancel);
        (_http, _https) = (_gateway.Http, _gateway.Https);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_downstream is not null)
        {
            await _downstream.DisposeAsync();
        }
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

    private HttpClient Client() => _gateway.Client();

    [Fact]
    public async Task A_request_that_cannot_reach_the_gateway_says_what_became_of_its_process()
    {
        await _gateway.StopAsync();
        using var client = _gateway.Client();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(_https + "/health"), Cancel));

        Assert.Contains("exited with code", refused.Message, StringComparison.Ordinal);
        Assert.Contains("its log ends:", refused.Message, StringComparison.Ordinal);
    }
}
