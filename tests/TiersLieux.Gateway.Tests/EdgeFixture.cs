using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Gateway.Tests;

/// <summary>
/// The gateway in process, in front of a stand-in for every service (a loopback server that echoes what reached it:
/// path, whether a token was forwarded), validating tokens from the tests' OpenID Connect issuer.
/// </summary>
public sealed class Edge : IAsyncDisposable
{
    private readonly WebApplication _downstream;

    private Edge(WebApplication downstream, ServiceFactory<Program> gateway, TestTokenIssuer tokens, System.Collections.Concurrent.ConcurrentQueue<string> received)
    {
        Received = received;
        _downstream = downstream;
        Gateway = gateway;
        Tokens = tokens;
    }

    public ServiceFactory<Program> Gateway { get; }

    /// <summary>Every request that reached the stand-in service ("METHOD /path").</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Received { get; }

    public TestTokenIssuer Tokens { get; }

    public static async Task<Edge> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var tokens = await TestTokenIssuer.SharedAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var downstream = builder.Build();
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        downstream.Map("/{**rest}", (HttpContext context) =>
        {
            received.Enqueue($"{context.Request.Method} {context.Request.Path}");
            // A service's error answer, to check what the gateway does to answers that are not successes.
            if (context.Request.Path.Value!.EndsWith("/not-found", StringComparison.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Json(new
            {
                path = context.Request.Path.Value,
                method = context.Request.Method,
                forwardedToken = context.Request.Headers.Authorization.Count > 0,
                traceParents = context.Request.Headers.TraceParent.ToArray(),
            });
        });
        await downstream.StartAsync();
        var url = downstream.Urls.First();

        var all = new Dictionary<string, string>
        {
            ["Identity:Authority"] = tokens.Url,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (_, resource) in ResourceNames.Services)
        {
            all[$"services:{resource}:http:0"] = url;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new Edge(downstream, new ServiceFactory<Program>(all), tokens, received);
    }

    public HttpClient Anonymous() => Gateway.CreateClient();

    public HttpClient As(string token) => Gateway.CreateClient().WithBearer(token);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _downstream.DisposeAsync();
    }
}
