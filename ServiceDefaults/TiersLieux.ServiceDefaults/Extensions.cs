using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.ServiceDefaults;

/// <summary>
/// What every TiersLieux process gets, the same things an Aspire ServiceDefaults project gives: telemetry,
/// health checks, service discovery, resilient HttpClients and problem+json errors.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>A health or liveness probe (the AppHost's, the gateway's, an orchestrator's): not traced, not rate-limited.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The trace id lets ops find the request in the dashboard from the answer a client reports.
            var activity = System.Diagnostics.Activity.Current;
            context.ProblemDetails.Extensions["traceId"] = activity?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        // Behind the gateway (ASPNETCORE_FORWARDEDHEADERS_ENABLED, set by the AppHost): the public host too, so the
        // links a service writes (Location) point at the gateway, not at the service's own loopback address.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options => options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost);
        builder.Services.AddExceptionHandler<Http.BadRequestExceptionHandler>();
        // Always throw on unreadable input so the handler above can say what was wrong (the default is an empty 400 outside Development).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
        {
            ConfigureJson(options.SerializerOptions);
            options.SerializerOptions.Converters.Add(new Http.ClientTextConverter());
        });
        if (IsService(builder.Environment))
        {
            // A service (not the gateway): its OpenAPI document, which the gateway serves with the others.
            builder.Services.AddPlatformOpenApi(ServiceName.Of(builder.Environment));
        }

        return builder;
    }

    /// <summary>A service of the platform (TiersLieux.&lt;Name&gt;.Api), as opposed to the gateway or a test host.</summary>
    private static bool IsService(IHostEnvironment environment) => environment.ApplicationName.EndsWith(".Api", StringComparison.Ordinal);

    /// <summary>One JSON shape for the whole platform: camelCase, enums as kebab-case strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Every outgoing request is already a span of its trace. At Information, HttpClientFactory and the resilience
        // pipeline also wrote five log lines per request (start, headers, attempt, end), each printed to the console
        // and sent to the dashboard: the website's place page, five reads, wrote 25 per view (without them the site's
        // CPU per first view fell by a fifth, DCP's by a quarter). Failures, retries and an open circuit are warnings
        // and still logged.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryNames.Meter))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryNames.ActivitySource)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes every few seconds would drown the traces ops look for.
                    options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(options =>
                    // Same for the probes this process sends (the gateway's active health checks of every destination).
                    options.FilterHttpRequestMessage = request => request.RequestUri is not { } uri || !IsProbe(new PathString(uri.AbsolutePath))));
        // The bus's and the database's traces and metrics are added by the projects that bring them
        // (TiersLieux.Messaging, with Aspire's RabbitMQ and Npgsql client integrations), as Aspire's integrations do.

        // Exported only when a collector is configured (the AppHost dashboard, or any OTLP backend in production).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // Liveness says only that the process answers; readiness (/health) includes every dependency.
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps /health (every check) and /alive (liveness only) in every environment: the AppHost, the gateway's
    /// active health checks and production probes all rely on them. Also turns unhandled errors and bare
    /// status codes into problem+json.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseClientTextGuard();
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            // After the status-code pages, so a bare 401 or 403 from authentication is answered as problem+json too.
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (IsService(app.Environment))
        {
            app.MapPlatformOpenApi();
        }

        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
