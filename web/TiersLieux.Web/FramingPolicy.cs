namespace TiersLieux.Web;

/// <summary>
/// Who may show the site's pages in a frame: anyone for the embeddable map (that is its purpose), nobody else for
/// every other page (a framed sign-in or booking form is a clickjacking target).
/// </summary>
public static class FramingPolicy
{
    public const string EmbeddablePath = "/carte/integrer";

    public static IApplicationBuilder UseFramingPolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // The embeddable map says nothing about framing: "frame-ancestors *" would still refuse a page whose origin is
        // not a web address (a partner's local or sandboxed page).
        if (!context.Request.Path.StartsWithSegments(EmbeddablePath, StringComparison.OrdinalIgnoreCase))
        {
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        }

        return next(context);
    });
}
