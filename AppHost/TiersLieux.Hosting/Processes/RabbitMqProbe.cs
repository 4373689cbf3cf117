using RabbitMQ.Client;

namespace TiersLieux.Hosting.Processes;

/// <summary>Readiness of any RabbitMQ broker, started here or given: an AMQP connection opens.</summary>
public static class RabbitMqProbe
{
    public static async Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(3), AutomaticRecoveryEnabled = false };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen;
        }
        catch (Exception error) when (error is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }
}
