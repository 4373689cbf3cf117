using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TiersLieux.Messaging.Database;

/// <summary>
/// Whether the service's database answers, asked on a connection pool of the check's own. The requests' pool is bounded
/// (<see cref="DatabaseExtensions.DefaultMaxPoolSize"/>): a probe that shared it would queue behind a burst of
/// consumers and time out while the database is fine, and the AppHost would then report the service unhealthy.
/// </summary>
internal sealed class DatabaseHealthCheck(string connectionString) : IHealthCheck
{
    /// <summary>The service's runtime connection string with a name of its own: Npgsql keeps one pool per connection string.</summary>
    public static string ProbeConnectionString(string runtimeConnectionString) =>
        new NpgsqlConnectionStringBuilder(runtimeConnectionString)
        {
            ApplicationName = "health check",
            MaxPoolSize = 2,
        }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.", error);
        }
    }
}
