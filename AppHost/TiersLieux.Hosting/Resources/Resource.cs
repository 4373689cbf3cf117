using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.Resources;

/// <summary>Aspire's resource states, with the same names, so ops read our dashboard as they read Aspire's.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    RuntimeUnhealthy,
    Stopping,
    Exited,
    Finished,
    FailedToStart,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>A node of the application model: a server, a database, a project (with its replicas).</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    public abstract string Type { get; }

    /// <summary>Resources this one must see Running and healthy before it starts (<c>WaitFor</c>).</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>The resources that actually run (a project with replicas runs one per replica).</summary>
    public abstract IEnumerable<RunnableResource> Runnables { get; }

    public bool IsRunningAndHealthy => Runnables.All(r => r.State == ResourceState.Running && r.Health == HealthStatus.Healthy);
}

/// <summary>Something that can give connection strings to the projects that reference it.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    string ConnectionString { get; }

    /// <summary>The split form Aspire also gives (<c>&lt;NAME&gt;_HOST</c>, <c>_PORT</c>, ...), without the prefix.</summary>
    IReadOnlyDictionary<string, string> ConnectionProperties { get; }
}

/// <summary>A resource the orchestrator starts, watches, restarts and stops.</summary>
public abstract class RunnableResource(string name) : Resource(name)
{
    private readonly object _gate = new();

    public LogBuffer Log { get; } = new();

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    public HealthStatus Health { get; internal set; } = HealthStatus.Unknown;

    public int Restarts { get; internal set; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public int? ExitCode { get; internal set; }

    public abstract int? Pid { get; }

    public virtual IReadOnlyList<string> Endpoints => [];

    /// <summary>The resource a replica belongs to, or itself.</summary>
    public virtual Resource Owner => this;

    public override IEnumerable<RunnableResource> Runnables => [this];

    /// <summary>Whether the orchestrator starts it again (with backoff) when its process exits on its own.</summary>
    public virtual bool RestartsOnExit => false;

    /// <summary>Resources that must run before this one even without WaitFor (a database's server).</summary>
    public virtual IEnumerable<Resource> ImplicitDependencies => [];

    public event Action<RunnableResource, ResourceState>? StateChanged;

    internal void SetState(ResourceState state, string? reason = null)
    {
        lock (_gate)
        {
            if (State == state)
            {
                return;
            }

            State = state;
        }

        Log.Write(reason is null ? $"[apphost] state: {state}" : $"[apphost] state: {state} ({reason})", isError: state is ResourceState.FailedToStart);
        StateChanged?.Invoke(this, state);
    }

    /// <summary>Starts the resource; returns once it runs (a server also once it accepts connections).</summary>
    protected internal abstract Task LaunchAsync(CancellationToken cancellationToken);

    /// <summary>Completes with the exit code when the resource's process exits; null for resources without one.</summary>
    protected internal virtual Task<int>? Exited => null;

    protected internal abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    protected internal abstract Task StopAsync();
}
