using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TiersLieux.Hosting.Dashboard;

/// <summary>
/// Aspire's browser token: a dashboard bound beyond loopback shows nothing until the browser has presented the
/// token printed on the AppHost's console (<c>/login?t=…</c>, then a cookie). On loopback only the machine's
/// own users reach it, as with Aspire's local default, so no token is asked.
/// </summary>
internal static class BrowserToken
{
    public const string CookieName = "tierslieux-dashboard";

    /// <summary>Whether a dashboard bound to <paramref name="address"/> needs a token.</summary>
    public static bool IsNeeded(IPAddress address) => !IPAddress.IsLoopback(address);

    public static string LoginUrl(string dashboardUrl, string token) => $"{dashboardUrl}/login?t={Uri.EscapeDataString(token)}";

    /// <summary>Only requests to the dashboard's own port: the OTLP ports have their API key.</summary>
    public static void UseBrowserToken(this WebApplication app, int dashboardPort, string token)
    {
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort != dashboardPort)
            {
                await next(context);
                return;
            }

            if (context.Request.Path == "/login")
            {
                if (Matches(context.Request.Query["t"], token))
                {
                    context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
                    context.Response.Redirect("/");
                    return;
                }

                await RefuseAsync(context, string.IsNullOrEmpty(context.Request.Query["t"]) ? null : "That token is not this AppHost's.");
                return;
            }

            var bearer = context.Request.Headers.Authorization.ToString();
            var presented = context.Request.Cookies[CookieName] ?? (bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : null);
            if (!Matches(presented, token))
            {
                await RefuseAsync(context, null);
                return;
            }

            await next(context);
        });
    }

    private static bool Matches(string? presented, string token) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));

    private static async Task RefuseAsync(HttpContext context, string? error)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: 401, title: "Dashboard token required",
                detail: "Open the login link the AppHost printed on its console, or send the token as a bearer token.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>TiersLieux AppHost — sign in</title>
            <style>body{font:15px system-ui,sans-serif;margin:15vh auto;max-width:420px;color:#1d2330}input{width:100%;padding:6px;font:inherit}p.e{color:#b3261e}</style></head>
            <body><h1>TiersLieux AppHost</h1><p>This dashboard is reachable beyond this machine: enter the browser token the AppHost printed on its console.</p>
            {{(error is null ? "" : $"<p class=\"e\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="get" action="/login"><input name="t" type="password" autocomplete="off" autofocus placeholder="token"> <button>Sign in</button></form></body></html>
            """);
    }
}
