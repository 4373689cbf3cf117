using Yarp.ReverseProxy.Configuration;

// The bench's reference for "what a YARP hop costs on this machine": YARP alone, forwarding /api/directory/** to one
// address (TARGET), with no middleware, telemetry, health checks or logging. The gateway is measured beside it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var target = builder.Configuration["TARGET"] ?? throw new InvalidOperationException("TARGET (the service's address) is required.");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "directory", ClusterId = "directory", Match = new RouteMatch { Path = "/api/directory/{**rest}" } }],
    [new ClusterConfig { ClusterId = "directory", Destinations = new Dictionary<string, DestinationConfig> { ["0"] = new() { Address = target } } }]);
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
