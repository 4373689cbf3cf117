namespace TiersLieux.Gateway;

public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var (routes, clusters) = ServiceRoutes.FromConfiguration(builder.Configuration);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddHealthChecks().AddCheck<DownstreamHealthCheck>("downstream");
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
