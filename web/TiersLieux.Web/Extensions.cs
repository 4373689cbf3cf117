using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using TiersLieux.Topology;
using TiersLieux.Web.Account;
using TiersLieux.Web.Components;
using TiersLieux.Web.Components.Console;
using TiersLieux.Web.Components.Map;
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
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => Communes.Load());
        builder.Services.AddMemoryCache();
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection("Site"));
        builder.Services.AddHttpClient<PlatformClient>(http =>
        {
            http.BaseAddress = new Uri($"http://{ResourceNames.Gateway}");
            http.Timeout = TimeSpan.FromSeconds(10);
        });
        builder.AddSiteAuthentication();
        // The defaults' resilience handler retries every method; this client's is replaced by one that does not.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<SignedInGateway>(http =>
        {
            http.BaseAddress = new Uri($"http://{ResourceNames.Gateway}");
            http.Timeout = TimeSpan.FromSeconds(10);
        })
            .AddHttpMessageHandler<AccessTokenHandler>()
            // A booking, an enrolment or a sale sent twice is two: only reads are retried.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
        builder.Services.AddTransient<MemberClient>();
        builder.Services.AddTransient<ConsoleClient>();
        return builder;
    }

    public static WebApplication MapWebSite(this WebApplication app)
    {
        // A page that does not exist is a page (in French), not a problem+json answer.
        app.UseFramingPolicy();
        app.UseStatusCodePagesWithReExecute("/introuvable");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapGet("/sitemap.xml", Sitemap.WriteAsync).ExcludeFromDescription();
        app.MapAccountEndpoints();
        app.MapConsoleEndpoints();
        app.MapMapEndpoints();
        return app;
    }
}
