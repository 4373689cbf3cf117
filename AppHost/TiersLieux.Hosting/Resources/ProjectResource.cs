using System.Globalization;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Resources;

/// <summary>
/// A project's endpoint as Aspire's <c>GetEndpoint("http")</c> gives it: resolved when the environment is built, so
/// a project may receive the address of one declared later or given a free port.
/// </summary>
public sealed class EndpointReference(ProjectResource project, string name)
{
    public ProjectResource Project { get; } = project;

    public string EndpointName { get; } = name;

    /// <summary>The first replica's URL, with a trailing slash (the form an issuer or a base address takes).</summary>
    public string Url => Project.Replicas.Count > 0
        ? Project.Replicas[0].HttpUrl + "/"
        : throw new InvalidOperationException($"The endpoints of '{Project.Name}' are not allocated yet.");
}

/// <summary>A .NET project started from its build output, with one process per replica.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata, ApplicationOptions options) : Resource(name)
{
    private readonly List<ProjectReplica> _replicas = [];

    public override string Type => "Project";

    public IProjectMetadata Metadata { get; } = metadata;

    public ApplicationOptions Options { get; } = options;

    /// <summary>Resources whose connection details this project receives (<c>WithReference</c>).</summary>
    public List<Resource> References { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Variables whose value is known only once ports are assigned (another project's endpoint).</summary>
    public Dictionary<string, EndpointReference> EndpointEnvironment { get; } = [];

    /// <summary>Exposed beyond the platform (the gateway); projects without it sit behind the gateway.</summary>
    public bool HasExternalHttpEndpoints { get; set; }

    public IReadOnlyList<ProjectReplica> Replicas => _replicas;

    public override IEnumerable<RunnableResource> Runnables => _replicas;

    /// <summary>The URL of each replica, in replica order: <c>services__&lt;name&gt;__http__&lt;i&gt;</c>.</summary>
    public IReadOnlyList<string> HttpEndpoints => [.. _replicas.Select(replica => replica.HttpUrl)];

    /// <summary>How many copies run (<c>WithReplicas</c>).</summary>
    public int ReplicaCount { get; set; } = 1;

    /// <summary>The first replica's port (the others take the next ones); null picks free ports.</summary>
    public int? HttpPort { get; set; }

    internal void CreateReplicas(bool dynamicPorts)
    {
        _replicas.Clear();
        for (var index = 0; index < ReplicaCount; index++)
        {
            var port = !dynamicPorts && HttpPort is { } first ? first + index : FreePort.Next();
            var name = ReplicaCount == 1 ? Name : $"{Name}-{index}";
            _replicas.Add(new ProjectReplica(this, index, port, name));
        }
    }

    /// <summary>Aspire's environment contract for one replica: exactly what the process receives from the AppHost.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment(int replicaIndex)
    {
        var replica = _replicas[replicaIndex];
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = replica.HttpUrl,
            ["ASPNETCORE_ENVIRONMENT"] = Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={replica.InstanceId}",
        };

        if (!HasExternalHttpEndpoints)
        {
            environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        }

        if (Options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = Options.OtlpProtocol;
            if (Options.OtlpApiKey is { } key)
            {
                environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={key}";
            }

            if (Options.IsDevelopment)
            {
                // Telemetry shows in the dashboard within a second instead of after the SDKs' default batching.
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            }
        }

        foreach (var reference in References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnection:
                    environment[$"ConnectionStrings__{withConnection.Name}"] = withConnection.ConnectionString;
                    var prefix = EnvironmentPrefix(withConnection.Name);
                    foreach (var (key, value) in withConnection.ConnectionProperties)
                    {
                        environment[$"{prefix}_{key}"] = value;
                    }

                    break;
                case ProjectResource project:
                    for (var index = 0; index < project.Replicas.Count; index++)
                    {
                        environment[$"services__{project.Name}__http__{index}"] = project.Replicas[index].HttpUrl;
                    }

                    break;
            }
        }

        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        foreach (var (key, endpoint) in EndpointEnvironment)
        {
            environment[key] = endpoint.Url;
        }

        return environment;
    }

    /// <summary>"directorydb" → "DIRECTORYDB", "my-db" → "MY_DB", as Aspire names the split connection variables.</summary>
    public static string EnvironmentPrefix(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
}

/// <summary>One running copy of a project: its own port, process, state and restarts.</summary>
public sealed class ProjectReplica(ProjectResource project, int index, int port, string name) : RunnableResource(name)
{
    /// <summary>Variables the AppHost itself may carry that must not leak into a project: it gets the contract only.</summary>
    private static readonly string[] ContractPrefixes = ["ConnectionStrings__", "services__", "OTEL_", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    private ManagedProcess? _process;

    public ProjectResource Project { get; } = project;

    public int Index { get; } = index;

    public int Port { get; } = port;

    public string InstanceId { get; } = $"{project.Name}-{index}-{Guid.NewGuid().ToString("N")[..8]}";

    public string HttpUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string Type => "Project";

    public override Resource Owner => Project;

    public override int? Pid => _process is { HasExited: false } process ? process.Pid : null;

    public override IReadOnlyList<string> Endpoints => [HttpUrl];

    public override bool RestartsOnExit => true;

    protected internal override Task<int>? Exited => _process?.Exited;

    protected internal override Task LaunchAsync(CancellationToken cancellationToken)
    {
        var target = Project.Metadata.TargetPath;
        if (!File.Exists(target))
        {
            throw new FileNotFoundException($"{target} is not built: build the solution first (./run.sh does).", target);
        }

        if (_process is not null)
        {
            // The previous process exited; its output stays in the log.
            _ = _process.DisposeAsync().AsTask();
        }

        StopLeftovers(target);

        var environment = Project.BuildEnvironment(Index).ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        _process = ManagedProcess.Start("dotnet", [target], Log,
            workingDirectory: Path.GetDirectoryName(Project.Metadata.ProjectPath),
            environment: environment,
            removeEnvironment: ContractPrefixes);
        Log.Write($"[apphost] started pid {_process.Pid}: dotnet {target}");
        return Task.CompletedTask;
    }

    /// <summary>
    /// A copy of this replica left running by an AppHost that was killed (same assembly, same URL) would hold the
    /// port and make every start fail: it is an orphan, so it is stopped first.
    /// </summary>
    private void StopLeftovers(string target)
    {
        var url = $"ASPNETCORE_URLS={HttpUrl}\n";
        foreach (var leftover in ProcessTable.Where(process => process.CommandLine.Contains(target, StringComparison.Ordinal) && process.Environment.Contains(url, StringComparison.Ordinal)))
        {
            Log.Write($"[apphost] stopping pid {leftover.Pid}, left running by an earlier AppHost on {HttpUrl}");
            Signals.Send(leftover.Pid, Signals.SigKill);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
            while (Signals.IsAlive(leftover.Pid) && DateTimeOffset.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    protected internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync($"{HttpUrl}/health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    protected internal override async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15));
        }
    }
}
