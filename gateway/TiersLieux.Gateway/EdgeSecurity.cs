using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TiersLieux.ServiceDefaults;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Gateway;

/// <summary>
/// What the one public door does before proxying: body size limits, CORS for configured origins, bearer tokens
/// validated at the edge (a request carrying a bad token is refused here; without a token only public reads pass),
/// rate limits answered 429 with Retry-After, request timeouts, security headers and the trace id on every answer.
/// The services still check every token and every permission themselves (defence in depth).
/// </summary>
public static class EdgeSecurity
{
    public const string TraceIdHeader = "X-Trace-Id";
    private const string CorsPolicy = "operator-frontends";

    /// <summary>
    /// What anyone may read without a token (GET/HEAD under these prefixes): the directory's places, search, open data,
    /// agenda and label campaigns; plans and places' network-pass acceptance; courses, sessions and certificate checks;
    /// places' recognition and machines (a fablab shows them to everyone); iCalendar feeds (a member's is behind its private token). Writes always need a token.
    /// </summary>
    public static readonly PathString[] PublicReadPrefixes =
    [
        "/api/directory/places", "/api/directory/open-data", "/api/directory/agenda", "/api/directory/label-campaigns",
        "/api/membership/plans", "/api/membership/places",
        "/api/training/courses", "/api/training/sessions", "/api/training/certificates",
        "/api/equipment/places", "/api/equipment/machines",
        "/api/booking/calendars",
    ];

    /// <summary>/api/&lt;service&gt; of each service, built once: the checks below run on every request.</summary>
    private static readonly PathString[] ServiceApiPaths = [.. ResourceNames.Services.Select(service => new PathString($"/api/{service.Service}"))];

    public static IHostApplicationBuilder AddEdgeSecurity(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.Configure<EdgeOptions>(builder.Configuration.GetSection(EdgeOptions.Section));
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "HEAD", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "traceparent")
            .WithExposedHeaders(TraceIdHeader, "Retry-After", "ETag", "Location")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(GeneralLimit(options.RateLimits), StrictLimit(options.RateLimits));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This client has sent too many requests: try again in {retryAfter} s.");
            };
        });
        // The server's name says nothing useful to a caller and something to an attacker.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>The edge's middleware, in order; before the proxy.</summary>
    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        app.Use(HeadersAndBodyLimit);
        app.UseCors(CorsPolicy);
        app.Use(ValidateTokenAtTheEdge);
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>Security headers and the trace id on every answer; bodies over the limit refused 413 before they are read.</summary>
    private static async Task HeadersAndBodyLimit(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(AddSecurityHeaders, context);
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<EdgeOptions>>().CurrentValue;
        var limit = context.Request.Path.StartsWithSegments("/api/directory/open-data") ? options.MaxImportBodyBytes : options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"This endpoint takes {limit} bytes at most.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // A body sent without Content-Length (chunked) is cut off at the same limit while it streams.
            bodySize.MaxRequestBodySize = limit;
        }

        await next(context);
    }

    /// <summary>Static, with the context as its state: no closure allocated per request.</summary>
    private static Task AddSecurityHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers[TraceIdHeader] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // API answers run nothing in a browser; pages that do (sign-in, the reference page) set their own policy.
        if (!headers.ContainsKey("Content-Security-Policy") && !context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A request carrying a token must carry a valid one (signature, issuer, audience, lifetime); without a token, only
    /// the public reads pass. Identity, discovery, the reference page and health are not under /api.
    /// </summary>
    private static async Task ValidateTokenAtTheEdge(HttpContext context, RequestDelegate next)
    {
        if (!IsServiceApi(context.Request.Path) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            var result = await context.AuthenticateAsync();
            if (!result.Succeeded)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await ProblemAsync(context, StatusCodes.Status401Unauthorized, "The bearer token is not valid.",
                    "The token is missing its signature, expired, or not issued for this API: sign in again.");
                return;
            }

            context.User = result.Principal!;
        }
        else if (!IsPublicRead(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Sign in first.", "This endpoint needs a bearer token.");
            return;
        }

        await next(context);
    }

    /// <summary>Under /api/&lt;service&gt;/ of a service of the platform (elsewhere the proxy answers 404 by itself).</summary>
    private static bool IsServiceApi(PathString path) => StartsWithAny(path, ServiceApiPaths);

    public static bool IsPublicRead(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && StartsWithAny(request.Path, PublicReadPrefixes);
    }

    private static bool StartsWithAny(PathString path, PathString[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every caller: anonymous ones per client IP, signed-in ones per subject. Health probes are not counted.</summary>
    private static PartitionedRateLimiter<HttpContext> GeneralLimit(RateLimitOptions limits) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        if (ServiceDefaults.Extensions.IsProbe(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }

        return context.User.FindFirst(PlatformClaims.Subject)?.Value is { } subject
            ? PerMinute($"subject:{subject}", limits.SignedInPerMinute)
            : PerMinute($"ip:{ClientAddress(context)}", limits.AnonymousPerMinute);
    });

    /// <summary>Stricter limits where abuse costs most: guessing passwords, hoarding slots.</summary>
    private static PartitionedRateLimiter<HttpContext> StrictLimit(RateLimitOptions limits) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        var request = context.Request;
        // Forgotten and chosen passwords count with sign-ins: each sends a mail or spends a password hash.
        if (HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/account/login") || request.Path.StartsWithSegments("/connect/token")
            || request.Path.StartsWithSegments("/account/forgot-password") || request.Path.StartsWithSegments("/account/choose-password")))
        {
            return PerMinute($"sign-in:{ClientAddress(context)}", limits.SignInPerMinute);
        }

        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/booking/bookings", StringComparison.OrdinalIgnoreCase))
        {
            return PerMinute($"booking:{context.User.FindFirst(PlatformClaims.Subject)?.Value ?? ClientAddress(context)}", limits.BookingsPerMinute);
        }

        return RateLimitPartition.GetNoLimiter("none");
    });

    private static RateLimitPartition<string> PerMinute(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
