using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.LocalRabbitMQ;

/// <summary>Healthy when an AMQP connection opens with the resource's credentials.</summary>
internal sealed class RabbitMQHealthCheck(LocalRabbitMQServerResource broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await broker.ConnectionStringExpression.GetValueAsync(cancellationToken);
        return connectionString is not null && await RabbitMqProbe.IsHealthyAsync(connectionString, cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"no AMQP connection to {broker.Name}");
    }
}
