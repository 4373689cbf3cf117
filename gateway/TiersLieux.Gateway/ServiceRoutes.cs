using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using Yarp.ReverseProxy.Configuration;
using TiersLieux.Topology;

namespace TiersLieux.Gateway;

/// <summary>
/// The gateway's routes, read from the service discovery contract the AppHost (or Aspire) writes:
/// <c>services:&lt;resource&gt;:http:&lt;i&gt;</c> for each replica. <c>/api/&lt;service&gt;/**</c> goes to that
/// service's cluster, every replica a destination, balanced and health-checked.
/// </summary>
public static class ServiceRoutes
{
    private static readonly (string Id, string Path)[] IdentityPaths =
    [
        ("identity-discovery", "/.well-known/{**rest}"),
        ("identity-connect", "/connect/{**rest}"),
        // The sign-in page the authorization endpoint sends browsers to.
        ("identity-account", "/account/{**rest}"),
    ];

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) FromConfiguration(IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (service, resource) in ResourceNames.Services)
        {
            var destinations = Destinations(configuration, resource);
            if (destinations.Count == 0)
            {
                continue;
            }

            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = resource,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            });
            // The service's OpenAPI document, for the reference page and operators' frontends.
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = resource,
                Match = new RouteMatch { Path = $"/openapi/{service}.json", Methods = ["GET", "HEAD"] },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = OpenApiDefaults.DocumentPath }],
            });
            if (resource == ResourceNames.MembershipApi)
            {
                // Membership is also the OpenID Connect server: discovery, keys and endpoints at the well-known paths.
                foreach (var (id, path) in IdentityPaths)
                {
                    routes.Add(new RouteConfig { RouteId = id, ClusterId = resource, Match = new RouteMatch { Path = path } });
                }
            }
            clusters.Add(new ClusterConfig
            {
                ClusterId = resource,
                // Least busy of two random replicas; Gateway:LoadBalancingPolicy (e.g. RoundRobin) for a fixed order.
                LoadBalancingPolicy = configuration["Gateway:LoadBalancingPolicy"] ?? "PowerOfTwoChoices",
                Destinations = destinations,
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = TimeSpan.FromSeconds(5),
                        Timeout = TimeSpan.FromSeconds(3),
                        Policy = "ConsecutiveFailures",
                        Path = TiersLieux.ServiceDefaults.Extensions.HealthEndpointPath,
                    },
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = "TransportFailureRate",
                        ReactivationPeriod = TimeSpan.FromSeconds(10),
                    },
                },
            });
        }

        return (routes, clusters);
    }

    /// <summary>Each replica's URL under <c>services:&lt;resource&gt;:http</c> (or https), keyed "&lt;resource&gt;/&lt;i&gt;".</summary>
    public static Dictionary<string, DestinationConfig> Destinations(IConfiguration configuration, string resource)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        foreach (var scheme in new[] { "https", "http" })
        {
            foreach (var replica in configuration.GetSection($"services:{resource}:{scheme}").GetChildren())
            {
                if (!string.IsNullOrWhiteSpace(replica.Value))
                {
                    destinations.TryAdd($"{resource}/{replica.Key}", new DestinationConfig { Address = replica.Value });
                }
            }
        }

        return destinations;
    }
}
