using System.Globalization;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing;

/// <summary>
/// A service run from its build output as real processes, one per replica on a free port, for the small worlds of
/// the fault tests and benches (a broker, a database, the service under test) where the whole AppHost would be in
/// the way. A replica that dies unasked is started again on the same port, as a supervisor would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private ServiceProcess(IReadOnlyList<ServiceReplica> replicas) => Replicas = replicas;

    public IReadOnlyList<ServiceReplica> Replicas { get; }

    /// <summary>The replicas' addresses in Aspire's discovery shape, for a peer (<c>services__&lt;name&gt;__http__&lt;i&gt;</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> DiscoveryEnvironment(string name) =>
        Replicas.Select((replica, i) => new KeyValuePair<string, string?>(string.Create(CultureInfo.InvariantCulture, $"services__{name}__http__{i}"), replica.HttpUrl));

    public static async Task<ServiceProcess> StartAsync(string name, string assemblyPath, int replicas,
        IEnumerable<KeyValuePair<string, string?>> environment, LogBuffer log, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        var variables = environment.ToDictionary(pair => pair.Key, pair => pair.Value);
        var started = Enumerable.Range(0, replicas).Select(i => new ServiceReplica($"{name}-{i}", assemblyPath, variables, log)).ToList();
        var service = new ServiceProcess(started);
        try
        {
            await Task.WhenAll(started.Select(replica => replica.StartAsync(timeout)));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
