using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;

namespace TiersLieux.Gateway;

/// <summary>
/// The gateway is healthy when every service it routes to has at least one healthy replica; the report names
/// each replica's health, so ops see from the one public door what is down behind it.
/// </summary>
public sealed class DownstreamHealthCheck(IProxyConfigProvider proxyConfig) : IHealthCheck
{
    // Its own short-lived client: the platform's resilient default would retry for seconds, too slow for a probe.
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clusters = proxyConfig.GetConfig().Clusters;
        var probes = clusters.SelectMany(cluster => (cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
            .Select(async destination => (Cluster: cluster.ClusterId, Replica: destination.Key,
                Healthy: await IsHealthyAsync(destination.Value.Address, cancellationToken))));
        var results = await Task.WhenAll(probes);

        var data = results.ToDictionary(result => result.Replica, result => (object)(result.Healthy ? "Healthy" : "Unhealthy"));
        var down = results.GroupBy(result => result.Cluster).Where(cluster => !cluster.Any(replica => replica.Healthy)).Select(cluster => cluster.Key).ToList();
        if (down.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"No healthy replica: {string.Join(", ", down)}", data: data);
        }

        return results.All(result => result.Healthy)
            ? HealthCheckResult.Healthy($"{results.Length} replica(s) of {clusters.Count} service(s) healthy", data)
            : HealthCheckResult.Degraded("Some replicas are unhealthy", data: data);
    }

    private static async Task<bool> IsHealthyAsync(string baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(new Uri(baseAddress), TiersLieux.ServiceDefaults.Extensions.HealthEndpointPath), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
