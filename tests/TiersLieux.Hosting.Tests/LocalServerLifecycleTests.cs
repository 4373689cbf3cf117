using Aspire.Hosting;
using Npgsql;
using RabbitMQ.Client;
using Aspire.Hosting.Testing;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>Our local PostgreSQL and RabbitMQ resources: readiness, databases, kept data, fresh start, clean stop, nothing left.</summary>
public sealed class LocalServerLifecycleTests
{
    [Fact]
    public async Task Data_is_kept_across_runs_fresh_wipes_it_and_each_stop_is_a_clean_shutdown_leaving_no_process_behind()
    {
        var state = LocalServers.NewStateDirectory();
        var first = await LocalServers.StartAsync(state);
        await ExecuteAsync(await DatabaseAsync(first), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
        await PublishPersistentAsync(await first.GetConnectionStringAsync("messaging", TestContext.Current.CancellationToken) ?? "", "kept-queue", "still queued");
        Assert.NotEmpty(ProcessScan.Mentioning(state));

        await LocalServers.StopAsync(first, state);
        Assert.Equal("shut down", PostgresCluster.State(Path.Combine(state, "postgres", "data")));

        var second = await LocalServers.StartAsync(state);
        Assert.Equal("still here", await ScalarAsync(await DatabaseAsync(second), "SELECT note FROM kept"));
        Assert.Equal("still queued", await GetAsync(await second.GetConnectionStringAsync("messaging", TestContext.Current.CancellationToken) ?? "", "kept-queue"));
        await LocalServers.StopAsync(second, state);
        Assert.Equal("shut down", PostgresCluster.State(Path.Combine(state, "postgres", "data")));

        var third = await LocalServers.StartAsync(state, fresh: true, broker: false);
        Assert.Null(await ScalarAsync(await DatabaseAsync(third), "SELECT to_regclass('public.kept')::text"));
        await LocalServers.StopAsync(third, state);
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task The_database_connection_string_has_Aspire_s_shape_and_its_password_is_generated_once_and_kept()
    {
        var state = LocalServers.NewStateDirectory();
        var app = await LocalServers.StartAsync(state, broker: false);
        var connection = new NpgsqlConnectionStringBuilder(await DatabaseAsync(app));
        await LocalServers.StopAsync(app, state);

        Assert.Equal("127.0.0.1", connection.Host);
        Assert.Equal("postgres", connection.Username);
        Assert.Equal(LocalServers.Database, connection.Database);
        Assert.Equal((await File.ReadAllTextAsync(Path.Combine(state, "parameters", "postgres-password"), TestContext.Current.CancellationToken)).Trim(), connection.Password);
        Assert.True(connection.Password!.Length >= 20);
        Directory.Delete(state, recursive: true);
    }

    private static async Task<string> DatabaseAsync(DistributedApplication app) =>
        await app.GetConnectionStringAsync(LocalServers.Database) ?? throw new InvalidOperationException("no connection string");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task PublishPersistentAsync(string amqp, string queue, string body)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, System.Text.Encoding.UTF8.GetBytes(body));
    }

    private static async Task<string?> GetAsync(string amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: true);
        return message is null ? null : System.Text.Encoding.UTF8.GetString(message.Body.Span);
    }
}
