using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting;

/// <summary>
/// Runs the model: every resource starts at once and waits for what it must wait for (Aspire's WaitFor:
/// Running and healthy); health is probed continuously; a project that exits on its own is restarted with
/// backoff; stopping goes in reverse dependency order, dependents first.
/// </summary>
internal sealed class Orchestrator(IReadOnlyList<RunnableResource> runnables)
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public IReadOnlyList<RunnableResource> Runnables { get; } = runnables;

    public void Start()
    {
        foreach (var resource in Runnables)
        {
            _loops.Add(Task.Run(() => RunAsync(resource, _stopping.Token)));
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        // Dependents first: the deepest level stops before what it depends on.
        foreach (var level in Runnables.GroupBy(Depth).OrderByDescending(group => group.Key))
        {
            await Task.WhenAll(level.Select(StopOneAsync));
        }

        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task StopOneAsync(RunnableResource resource)
    {
        if (resource.State is ResourceState.NotStarted or ResourceState.Waiting or ResourceState.FailedToStart)
        {
            return;
        }

        resource.SetState(ResourceState.Stopping);
        try
        {
            await resource.StopAsync();
        }
        catch (Exception error)
        {
            resource.Log.Write($"[apphost] stop failed: {error.Message}", isError: true);
        }

        resource.Health = HealthStatus.Unknown;
        resource.SetState(ResourceState.Finished);
    }

    private static int Depth(RunnableResource resource) => Depth(resource, 0);

    private static int Depth(Resource resource, int guard)
    {
        if (guard > 64)
        {
            throw new InvalidOperationException($"Dependency cycle through '{resource.Name}'.");
        }

        var owner = resource is RunnableResource runnable ? runnable.Owner : resource;
        var dependencies = owner.WaitsFor.AsEnumerable();
        if (resource is RunnableResource withImplicit)
        {
            dependencies = dependencies.Concat(withImplicit.ImplicitDependencies);
        }

        if (owner is ProjectResource project)
        {
            dependencies = dependencies.Concat(project.References);
        }

        return dependencies.Select(dependency => Depth(dependency, guard + 1) + 1).DefaultIfEmpty(0).Max();
    }

    private static async Task RunAsync(RunnableResource resource, CancellationToken stopping)
    {
        try
        {
            var dependencies = resource.Owner.WaitsFor.Concat(resource.ImplicitDependencies).SelectMany(dependency => dependency.Runnables).Distinct().ToList();
            if (dependencies.Count > 0)
            {
                resource.SetState(ResourceState.Waiting, "for " + string.Join(", ", dependencies.Select(d => d.Name)));
                foreach (var dependency in dependencies)
                {
                    if (!await WaitForHealthyAsync(dependency, stopping))
                    {
                        resource.SetState(ResourceState.FailedToStart, $"{dependency.Name} failed to start");
                        return;
                    }
                }
            }

            var restartDelay = TimeSpan.FromSeconds(1);
            while (!stopping.IsCancellationRequested)
            {
                resource.SetState(ResourceState.Starting);
                try
                {
                    await resource.LaunchAsync(stopping);
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    resource.Log.Write($"[apphost] {error.GetType().Name}: {error.Message}", isError: true);
                    resource.SetState(ResourceState.FailedToStart, error.Message);
                    return;
                }

                resource.StartedAt = DateTimeOffset.UtcNow;
                resource.ExitCode = null;
                resource.SetState(ResourceState.Running);

                using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var health = MonitorHealthAsync(resource, running.Token);
                if (resource.Exited is not { } exited)
                {
                    await health;
                    return;
                }

                var exitCode = await exited.WaitAsync(stopping);
                await running.CancelAsync();
                await health;
                resource.Health = HealthStatus.Unknown;
                resource.ExitCode = exitCode;
                resource.SetState(ResourceState.Exited, $"exit code {exitCode}");
                if (!resource.RestartsOnExit)
                {
                    return;
                }

                // A crash soon after start doubles the wait; a long healthy run resets it.
                restartDelay = DateTimeOffset.UtcNow - resource.StartedAt > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : restartDelay;
                resource.Log.Write($"[apphost] restarting in {restartDelay.TotalSeconds:0} s");
                await Task.Delay(restartDelay, stopping);
                restartDelay = restartDelay * 2 < MaxRestartDelay ? restartDelay * 2 : MaxRestartDelay;
                resource.Restarts++;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync takes it from here.
        }
    }

    /// <summary>True once the dependency is Running and healthy; false if it failed to start or exited for good.</summary>
    private static async Task<bool> WaitForHealthyAsync(RunnableResource dependency, CancellationToken stopping)
    {
        while (true)
        {
            switch (dependency.State)
            {
                case ResourceState.Running when dependency.Health == HealthStatus.Healthy:
                    return true;
                case ResourceState.FailedToStart:
                case ResourceState.Exited or ResourceState.Finished when !dependency.RestartsOnExit:
                    return false;
            }

            await Task.Delay(100, stopping);
        }
    }

    private static async Task MonitorHealthAsync(RunnableResource resource, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var healthy = await resource.IsHealthyAsync(cancellationToken);
                resource.Health = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
                // Quick while coming up, so WaitFor releases dependents promptly; relaxed once healthy.
                await Task.Delay(healthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The resource exited or the application is stopping.
        }
    }
}
