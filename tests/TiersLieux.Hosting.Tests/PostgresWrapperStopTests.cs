using System.Globalization;
using Npgsql;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// The PostgreSQL wrapper's stop, with a client that keeps its session open (a service still stopping). While the
/// AppHost runs, the stop is its ordered one: the server waits for its clients (smart shutdown). Once the AppHost has
/// died the stop is DCP's clean-up, which kills the whole process tree about 6 s later: the server must not wait for
/// anyone, or it is killed before its checkpoint (a CI run once found the cluster "in production" after the AppHost's
/// SIGKILL). The wait for clients is set to ten minutes here, so only the decision can end the stop in time.
/// </summary>
public sealed class PostgresWrapperStopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task With_the_AppHost_gone_a_stop_ends_the_clients_sessions_at_once_and_shuts_down_cleanly()
    {
        await using var server = await WrappedServer.StartAsync(appHostPid: GoneProcess.Id());
        await using var held = await server.OpenAsync();

        Signals.Send(server.Process.Pid, Signals.SigTerm);

        Assert.Equal(0, await server.Process.Exited.WaitAsync(Bound, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(held));
        Assert.Equal("shut down", PostgresCluster.State(server.DataDirectory));
    }

    [Fact]
    public async Task While_the_AppHost_runs_a_stop_waits_for_the_clients_then_shuts_down_cleanly()
    {
        await using var server = await WrappedServer.StartAsync(appHostPid: Environment.ProcessId);
        var held = await server.OpenAsync();

        Signals.Send(server.Process.Pid, Signals.SigTerm);

        // Smart shutdown: new sessions are refused ("the database system is shutting down")…
        await TestWait.UntilAsync(server.RefusesNewSessionsAsync, Bound);
        // …while the open one still works and the server waits for it.
        Assert.Equal(1, await SelectOneAsync(held));
        Assert.False(server.Process.HasExited);

        await held.DisposeAsync();
        Assert.Equal(0, await server.Process.Exited.WaitAsync(Bound, TestContext.Current.CancellationToken));
        Assert.Equal("shut down", PostgresCluster.State(server.DataDirectory));
    }

    private static async Task<int> SelectOneAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private sealed class WrappedServer : IAsyncDisposable
    {
        private readonly string _base;
        private readonly string _connectionString;

        private WrappedServer(string baseDirectory, ManagedProcess process, string connectionString)
        {
            _base = baseDirectory;
            Process = process;
            _connectionString = connectionString;
        }

        public ManagedProcess Process { get; }

        public string DataDirectory => Path.Combine(_base, "data");

        public static async Task<WrappedServer> StartAsync(int appHostPid)
        {
            var baseDirectory = Path.Combine(Path.GetTempPath(), "tierslieux-hosting-tests", Guid.NewGuid().ToString("N")[..12], "postgres");
            Directory.CreateDirectory(baseDirectory);
            var port = FreePort.Next();
            var password = Guid.NewGuid().ToString("N");
            var process = ManagedProcess.Start("bash", [LocalScripts.PostgreSql], new LogBuffer(), environment: new Dictionary<string, string?>
            {
                ["TIERSLIEUX_PG_BASE"] = baseDirectory,
                ["TIERSLIEUX_PG_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["TIERSLIEUX_PG_PASSWORD"] = password,
                ["TIERSLIEUX_PG_DURABLE"] = "false",
                ["TIERSLIEUX_PG_SMART_SECONDS"] = "600",
                [LocalScripts.AppHostPidVariable] = appHostPid.ToString(CultureInfo.InvariantCulture),
            });
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "postgres", Pooling = false,
            }.ConnectionString;
            var server = new WrappedServer(baseDirectory, process, connectionString);
            try
            {
                await process.WaitUntilReadyAsync($"PostgreSQL on port {port}", token => PostgresProbe.IsHealthyAsync(connectionString, token),
                    Bound, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            return server;
        }

        public async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            return connection;
        }

        public async Task<bool> RefusesNewSessionsAsync()
        {
            try
            {
                await using var connection = await OpenAsync();
                return false;
            }
            catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.CannotConnectNow)
            {
                return true;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(_base)!, recursive: true);
        }
    }
}
