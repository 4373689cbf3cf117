using TiersLieux.Topology;
using TiersLieux.Web.Components;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web;

public static class Extensions
{
    /// <summary>
    /// The network's website: pages rendered on the server (readable without JavaScript, indexable), reading the
    /// platform only through the gateway (<c>http://gateway</c>, resolved by service discovery).
    /// </summary>
    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection("Site"));
        builder.Services.AddHttpClient<PlatformClient>(http =>
        {
            http.BaseAddress = new Uri($"http://{ResourceNames.Gateway}");
            http.Timeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    public static WebApplication MapWebSite(this WebApplication app)
    {
        // A page that does not exist is a page (in French), not a problem+json answer.
        app.UseStatusCodePagesWithReExecute("/introuvable");
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapGet("/sitemap.xml", Sitemap.WriteAsync).ExcludeFromDescription();
        return app;
    }
}
