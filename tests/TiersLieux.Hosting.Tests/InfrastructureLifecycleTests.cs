using Npgsql;
using RabbitMQ.Client;
using TiersLieux.Hosting.Processes;
using TiersLieux.Hosting.Resources;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>The AppHost's own PostgreSQL and RabbitMQ: readiness, kept data, --fresh, clean shutdown, existing servers.</summary>
public sealed class InfrastructureLifecycleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private static (DistributedApplication App, PostgresDatabaseResource Database, RabbitMQServerResource Messaging) Build(ApplicationOptions options)
    {
        var builder = DistributedApplication.CreateBuilder(options);
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("appdb");
        var messaging = builder.AddRabbitMQ("messaging");
        builder.AddProject<Projects.TiersLieux_Hosting_TestService>("app-api")
            .WithReference(database).WaitFor(database)
            .WithReference(messaging).WaitFor(messaging);
        return (builder.Build(), database.Resource, messaging.Resource);
    }

    [Fact]
    public async Task Data_survives_a_restart_fresh_wipes_it_and_stopping_leaves_no_process_behind()
    {
        var state = TestApps.NewStateDirectory();
        var (first, database, messaging) = Build(TestApps.Options(state));
        await first.StartAsync();
        await first.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        Assert.NotNull(first.Runnable("postgres").Pid);
        Assert.NotNull(first.Runnable("messaging").Pid);
        await ExecuteAsync(database.ConnectionString, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
        await PublishPersistentAsync(messaging.ConnectionString, "kept-queue", "still queued");

        await first.StopAsync();
        Assert.Empty(ProcessScan.Mentioning(state));

        var (second, secondDatabase, secondMessaging) = Build(TestApps.Options(state));
        await second.StartAsync();
        await second.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        Assert.Equal("still here", await ScalarAsync(secondDatabase.ConnectionString, "SELECT note FROM kept"));
        Assert.Equal("still queued", await GetAsync(secondMessaging.ConnectionString, "kept-queue"));
        await second.StopAsync();
        Assert.Empty(ProcessScan.Mentioning(state));

        var fresh = TestApps.Options(state);
        fresh.Fresh = true;
        var (third, thirdDatabase, _) = Build(fresh);
        await third.StartAsync();
        await third.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        Assert.Null(await ScalarAsync(thirdDatabase.ConnectionString, "SELECT to_regclass('public.kept')::text"));
        await third.StopAsync();
        Assert.Empty(ProcessScan.Mentioning(state));
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task An_existing_PostgreSQL_given_as_ConnectionStrings_postgres_is_used_and_its_databases_created()
    {
        var serverDirectory = TestApps.NewStateDirectory();
        await using var existing = await PostgresServer.StartAsync(new PostgresServerOptions(serverDirectory, FreePort.Next()) { Durable = false }, new LogBuffer(), TestContext.Current.CancellationToken);
        var options = TestApps.Options();
        options.ExistingConnectionStrings["postgres"] = existing.ConnectionString();
        var builder = DistributedApplication.CreateBuilder(options);
        var database = builder.AddPostgres("postgres").AddDatabase("givendb");
        builder.AddProject<Projects.TiersLieux_Hosting_TestService>("app-api").WithReference(database).WaitFor(database);
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);

        Assert.Null(app.Runnable("postgres").Pid);
        Assert.Equal("givendb", await ScalarAsync(database.Resource.ConnectionString, "SELECT current_database()"));
        Assert.False(Directory.Exists(Path.Combine(options.StateDirectory, "postgres", "data")), "a server of our own was initialised");
    }

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
