using Npgsql;

namespace TiersLieux.Hosting.Processes;

/// <summary>
/// A PostgreSQL server as a local process: initdb once into <c>BaseDirectory/data</c>, listening on 127.0.0.1
/// only, with its socket in <c>BaseDirectory/socket</c>. PostgreSQL refuses to run as root, so under root it is
/// started as the <c>postgres</c> system user through runuser.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly PostgresServerOptions _options;
    private readonly LogBuffer _log;
    private ManagedProcess? _process;

    private PostgresServer(PostgresServerOptions options, string password, LogBuffer log)
    {
        _options = options;
        Password = password;
        _log = log;
    }

    public string Password { get; }

    public int Port => _options.Port;

    public int? Pid => _process?.Pid;

    public Task<int>? Exited => _process?.Exited;

    private string DataDirectory => Path.Combine(_options.BaseDirectory, "data");

    private string SocketDirectory => Path.Combine(_options.BaseDirectory, "socket");

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _options.Port,
            Username = PostgresServerOptions.UserName,
            Password = Password,
            Database = database,
        }.ConnectionString;

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, LogBuffer log, CancellationToken cancellationToken)
    {
        var password = Secrets.StablePassword(Path.Combine(options.BaseDirectory, "password"));
        var server = new PostgresServer(options, password, log);
        await server.InitialiseAsync(cancellationToken);
        await server.StopLeftoverAsync(cancellationToken);
        server.Launch();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            // Never leave a half-started server behind (a cancelled start, a timeout).
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory);
        if (_options.WalArchive is { } archive)
        {
            Directory.CreateDirectory(archive);
        }

        if (Signals.IsRoot)
        {
            await RunToolAsync("chown", ["-R", "postgres:postgres", _options.BaseDirectory, .. _options.WalArchive is { } walArchive ? [walArchive] : Array.Empty<string>()],
                asPostgres: false, cancellationToken);
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        var passwordFile = Path.Combine(_options.BaseDirectory, "password");
        await RunToolAsync(PostgresBinaries.Path("initdb"),
            ["-D", DataDirectory, "-U", PostgresServerOptions.UserName, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"],
            asPostgres: true, cancellationToken);
    }

    /// <summary>A server left running by an AppHost that was killed would hold the data directory: stop it first.</summary>
    private async Task StopLeftoverAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            _log.Write("found postmaster.pid: stopping a server left from an earlier run, if any");
            await RunToolAsync(PostgresBinaries.Path("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], asPostgres: true, cancellationToken, ignoreFailure: true);
        }
    }

    private void Launch()
    {
        List<string> arguments =
        [
            "-D", DataDirectory, "-p", _options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", SocketDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        if (!_options.Durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        if (_options.WalArchive is { } archive)
        {
            arguments.AddRange(["-c", "archive_mode=on", "-c", $"archive_command={ArchiveCommand(archive)}"]);
        }

        var (file, args) = AsPostgres(PostgresBinaries.Path("postgres"), arguments);
        _process = ManagedProcess.Start(file, args, _log);
    }

    /// <summary>Copies a segment once: a segment already archived is never overwritten (the command then fails and PostgreSQL retries, as it should).</summary>
    public static string ArchiveCommand(string archive) => $"test ! -f '{archive}/%f' && cp '%p' '{archive}/%f'";

    private Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _process!.WaitUntilReadyAsync($"PostgreSQL on port {_options.Port}", IsHealthyAsync, timeout, TimeSpan.FromMilliseconds(100), cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => PostgresProbe.IsHealthyAsync(ConnectionString(), cancellationToken);

    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken) => PostgresProbe.CreateDatabaseAsync(ConnectionString(), name, cancellationToken);

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        // "fast" rolls back open transactions and checkpoints: quick, and the data stays consistent.
        await RunToolAsync(PostgresBinaries.Path("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], asPostgres: true, CancellationToken.None, ignoreFailure: true);
        await _process.StopAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static (string File, IEnumerable<string> Arguments) AsPostgres(string file, IEnumerable<string> arguments) =>
        Signals.IsRoot ? ("runuser", new[] { "-u", "postgres", "--", file }.Concat(arguments)) : (file, arguments);

    private async Task RunToolAsync(string file, IEnumerable<string> arguments, bool asPostgres, CancellationToken cancellationToken, bool ignoreFailure = false)
    {
        var (command, args) = asPostgres ? AsPostgres(file, arguments) : (file, arguments);
        await using var process = ManagedProcess.Start(command, args, _log);
        var exitCode = await process.Exited.WaitAsync(cancellationToken);
        if (exitCode != 0 && !ignoreFailure)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {exitCode}; see the postgres log.");
        }
    }
}
