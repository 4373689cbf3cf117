using Scalar.AspNetCore;
using Yarp.ReverseProxy.Transforms;
using TiersLieux.ServiceDefaults;
using TiersLieux.Topology;

namespace TiersLieux.Gateway;

public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var (routes, clusters) = ServiceRoutes.FromConfiguration(builder.Configuration);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters)
            .AddTransforms(transforms =>
            {
                // The services' server name stays behind the door, like the gateway's own: on error answers too.
                transforms.AddResponseHeaderRemove("Server", ResponseCondition.Always);
                transforms.AddRequestTransform(TraceContext.PropagateAsync);
            });
        builder.Services.AddSingleton<Yarp.ReverseProxy.Forwarder.IForwarderHttpClientFactory, GatewayHttpClientFactory>();
        builder.Services.AddHealthChecks().AddCheck<DownstreamHealthCheck>("downstream");
        builder.AddEdgeSecurity();
        builder.AddEdgeTls();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseEdgeTls();
        app.UseEdgeSecurity();
        // One reference page for every service's API, reading the documents the gateway serves at /openapi/<service>.json.
        app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("TiersLieux API reference");
            foreach (var (service, _) in ResourceNames.Services)
            {
                options.AddDocument(service, $"{service} API", $"/openapi/{service}.json");
            }
        });
        app.MapReverseProxy(proxy =>
        {
            // YARP's default pipeline, with reads retried on another replica when one cannot be reached.
            proxy.Use(IdempotentRetry.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
