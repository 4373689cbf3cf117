using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.LocalPostgres;

/// <summary>Healthy when a query runs on the resource's database (for the server, its <c>postgres</c> database).</summary>
internal sealed class PostgresHealthCheck(IResourceWithConnectionString resource, string? database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
        if (connectionString is null)
        {
            return HealthCheckResult.Unhealthy("no connection string yet");
        }

        if (database is not null)
        {
            connectionString += $";Database={database}";
        }

        return await PostgresProbe.IsHealthyAsync(connectionString, cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"no answer from {resource.Name}");
    }
}
