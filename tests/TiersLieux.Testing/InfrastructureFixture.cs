using System.Globalization;
using Npgsql;
using TiersLieux.Hosting.Processes;

using Xunit;

namespace TiersLieux.Testing;

/// <summary>
/// One real PostgreSQL server and one real RabbitMQ node for a test assembly, started with the AppHost's own
/// hosting code on free ports, with their own node name and data directory (assemblies run in parallel).
/// Each test class asks for a fresh database. Register with
/// <c>[assembly: AssemblyFixture(typeof(InfrastructureFixture))]</c>.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private static int _databases;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tierslieux-tests", Guid.NewGuid().ToString("N")[..12]);

    public LogBuffer PostgresLog { get; } = new();

    public LogBuffer RabbitMqLog { get; } = new();

    public PostgresServer Postgres { get; private set; } = null!;

    public RabbitMqNode RabbitMq { get; private set; } = null!;

    public string MessagingConnectionString => RabbitMq.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var postgres = Servers.StartPostgresAsync(Path.Combine(_root, "postgres"), PostgresLog, timeout.Token);
        var rabbit = Servers.StartRabbitMqAsync(Path.Combine(_root, "rabbitmq"), $"test-{Path.GetFileName(_root)}@localhost", RabbitMqLog, timeout.Token);
        try
        {
            Postgres = await postgres;
            RabbitMq = await rabbit;
        }
        catch
        {
            await DisposeStartedAsync(postgres, rabbit);
            throw;
        }
    }

    /// <summary>A new, empty database on the shared server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}");
        await Postgres.CreateDatabaseAsync(name, CancellationToken.None);
        return new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(name)) { MaxPoolSize = 50 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (RabbitMq is not null)
        {
            // Throwaway data: no need for a graceful broker stop.
            await RabbitMq.StopAsync(graceful: false);
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        TryDelete(_root);
    }

    private async Task DisposeStartedAsync(Task<PostgresServer> postgres, Task<RabbitMqNode> rabbit)
    {
        if (postgres.IsCompletedSuccessfully)
        {
            await postgres.Result.DisposeAsync();
        }

        try
        {
            await (await rabbit).StopAsync(graceful: false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // It failed to start and cleaned up after itself.
        }

        TryDelete(_root);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleared eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
