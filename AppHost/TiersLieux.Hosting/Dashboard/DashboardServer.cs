using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TiersLieux.Hosting.Resources;
using TiersLieux.Hosting.Telemetry;

namespace TiersLieux.Hosting.Dashboard;

public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string Resource,
    string State,
    string Health,
    IReadOnlyList<string> Endpoints,
    int? Pid,
    int Restarts,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    int? ExitCode)
{
    public static ResourceSnapshot Of(RunnableResource resource)
    {
        var running = resource.State == ResourceState.Running && resource.StartedAt is { } started;
        return new ResourceSnapshot(resource.Name, resource.Type, resource.Owner.Name, resource.State.ToString(), resource.Health.ToString(),
            resource.Endpoints, resource.Pid, resource.Restarts, resource.StartedAt,
            running ? Math.Round((DateTimeOffset.UtcNow - resource.StartedAt!.Value).TotalSeconds, 1) : null, resource.ExitCode);
    }
}

/// <summary>Where the dashboard listens; a browser token when it is reachable beyond loopback.</summary>
internal sealed record DashboardSettings(int Port, IPAddress Address, string? BrowserToken);

/// <summary>
/// The AppHost dashboard on 127.0.0.1:18888 (Aspire's port): resources, console logs with live tail, structured
/// logs, traces, metrics and the broker's queues, as HTML pages (one page, <c>index.html</c>) over a JSON API
/// (<c>/api/resources</c>, <c>/api/resources/{name}/logs?after=N</c>, <c>/api/telemetry/…</c>, <c>/api/queues</c>).
/// </summary>
internal sealed class DashboardServer(
    IReadOnlyList<RunnableResource> runnables, DashboardSettings settings, TelemetryStore telemetry, OtlpSettings? otlp, IReadOnlyList<BrokerManagement> brokers)
    : IAsyncDisposable
{
    private readonly BrokerQueues _queues = new(brokers);
    private WebApplication? _app;

    public string Url => $"http://{(settings.Address.Equals(IPAddress.Any) || settings.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : settings.Address)}:{settings.Port}";

    /// <summary>The link that signs a browser in, printed on the console, when a token is needed.</summary>
    public string? LoginUrl => settings.BrowserToken is { } token ? BrowserToken.LoginUrl(Url, token) : null;

    public async Task StartAsync()
    {
        var port = settings.Port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Address, port);
            if (otlp is not null)
            {
                // OTLP/gRPC needs HTTP/2 without TLS (h2c) on its own port; OTLP/HTTP takes either version.
                kestrel.Listen(settings.Address, otlp.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
                kestrel.Listen(settings.Address, otlp.HttpPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            }
        });
        if (otlp is not null)
        {
            builder.Services.AddSingleton(telemetry);
            builder.Services.AddSingleton(otlp);
            builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        }

        var app = builder.Build();
        if (settings.BrowserToken is { } token)
        {
            app.UseBrowserToken(port, token);
        }

        if (otlp is not null)
        {
            app.MapOtlpGrpc(otlp);
            app.MapOtlpHttp(telemetry, otlp);
        }

        // Pages and APIs answer on the dashboard's port only, never on the OTLP ports.
        var pages = app.MapGroup("").RequireHost($"*:{port}");
        pages.MapTelemetryApi(telemetry);

        pages.MapGet("/", () => Results.Content(Page.Value, "text/html; charset=utf-8"));
        pages.MapGet("/api/resources", () => Results.Json(runnables.Select(ResourceSnapshot.Of)));
        pages.MapGet("/api/resources/{name}", (string name) =>
            Find(name) is { } resource ? Results.Json(ResourceSnapshot.Of(resource)) : NotFound(name));
        pages.MapGet("/api/resources/{name}/logs", (string name, long? after, int? max) =>
        {
            if (Find(name) is not { } resource)
            {
                return NotFound(name);
            }

            var lines = resource.Log.Read(after ?? 0, Math.Clamp(max ?? 1000, 1, 5000));
            return Results.Json(new
            {
                name = resource.Name,
                next = lines.Count > 0 ? lines[^1].Sequence : after ?? 0,
                lines = lines.Select(line => new { sequence = line.Sequence, time = line.Time, stream = line.IsError ? "stderr" : "stdout", text = line.Text }),
            });
        });
        pages.MapGet("/api/queues", async (CancellationToken cancellationToken) =>
        {
            var (queues, errors) = await _queues.ReadAsync(cancellationToken);
            return Results.Json(new { brokers = brokers.Select(broker => new { broker.Name, broker.Url }), queues, errors });
        });

        try
        {
            await app.StartAsync();
        }
        catch (IOException error) when (error.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"Port {port} (the dashboard) is in use: is another AppHost running? Stop it (Ctrl+C), or start this one with --dashboard-port N --dynamic-ports.", error);
        }

        _app = app;
    }

    private RunnableResource? Find(string name) =>
        runnables.FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IResult NotFound(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown resource", detail: $"No resource is named '{name}'.");

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("TiersLieux.Hosting.Dashboard.index.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _queues.Dispose();
    }
}
