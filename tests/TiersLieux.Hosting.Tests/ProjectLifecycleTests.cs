using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Hosting.Processes;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting.Tests;

/// <summary>Real project processes under the orchestrator: environment, WaitFor, restarts, dashboard, shutdown.</summary>
public sealed class ProjectLifecycleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_project_process_receives_the_contract_and_nothing_the_AppHost_was_given_for_itself()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__apphostonly", "Host=leak");
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var api = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("api").WithReplicas(2);
        var client = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("client").WithReference(api).WithEnvironment("FEATURE_X", "on");
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        var environment = (await Http.GetFromJsonAsync<Dictionary<string, string>>($"{client.Resource.Replicas[0].HttpUrl}/env", TestContext.Current.CancellationToken))!;

        Assert.Equal(client.Resource.Replicas[0].HttpUrl, environment["ASPNETCORE_URLS"]);
        Assert.Equal(api.Resource.Replicas[0].HttpUrl, environment["services__api__http__0"]);
        Assert.Equal(api.Resource.Replicas[1].HttpUrl, environment["services__api__http__1"]);
        Assert.Equal("client", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("on", environment["FEATURE_X"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__apphostonly"));
        // Both replicas answer on their own port.
        foreach (var replica in api.Resource.Replicas)
        {
            var replicaEnvironment = await Http.GetFromJsonAsync<Dictionary<string, string>>($"{replica.HttpUrl}/env", TestContext.Current.CancellationToken);
            Assert.Equal(replica.HttpUrl, replicaEnvironment!["ASPNETCORE_URLS"]);
        }
    }

    [Fact]
    public async Task WaitFor_starts_a_project_only_once_its_dependency_is_running_and_healthy()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var slow = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("slow").WithEnvironment("HEALTH_DELAY_MS", "2000");
        var dependent = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("dependent").WaitFor(slow);
        await using var app = builder.Build();
        var slowReplica = slow.Resource.Replicas[0];
        var seenWhenDependentStarted = new List<(ResourceState State, HealthStatus Health)>();
        var dependentStates = new List<ResourceState>();
        dependent.Resource.Replicas[0].StateChanged += (_, state) =>
        {
            dependentStates.Add(state);
            if (state == ResourceState.Starting)
            {
                seenWhenDependentStarted.Add((slowReplica.State, slowReplica.Health));
            }
        };

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);

        Assert.Equal([ResourceState.Waiting, ResourceState.Starting, ResourceState.Running], dependentStates.Take(3));
        Assert.Equal([(ResourceState.Running, HealthStatus.Healthy)], seenWhenDependentStarted);
        Assert.True(dependent.Resource.Replicas[0].StartedAt >= slowReplica.StartedAt!.Value.AddSeconds(2));
    }

    [Fact]
    public async Task A_dependency_that_fails_to_start_fails_its_dependents_instead_of_leaving_them_waiting()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var missing = builder.AddProject("missing", new TestApps.MissingProject());
        builder.AddProject<Projects.TiersLieux_Hosting_TestService>("dependent").WaitFor(missing);
        await using var app = builder.Build();

        await app.StartAsync();

        await TestApps.WaitUntilAsync(() => app.Runnable("dependent").State == ResourceState.FailedToStart, StartTimeout, () => TestApps.Describe(app));
        Assert.Equal(ResourceState.FailedToStart, app.Runnable("missing").State);
        Assert.Null(app.Runnable("dependent").Pid);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_crashed_project_is_restarted_and_becomes_healthy_again()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("fragile");
        await using var app = builder.Build();
        var replica = project.Resource.Replicas[0];
        var states = new List<ResourceState>();
        replica.StateChanged += (_, state) => { lock (states) { states.Add(state); } };
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        var firstPid = replica.Pid;

        using var crash = await Http.PostAsync($"{replica.HttpUrl}/crash", null, TestContext.Current.CancellationToken);

        await TestApps.WaitUntilAsync(() => replica.Restarts == 1 && replica.State == ResourceState.Running && replica.Health == HealthStatus.Healthy,
            StartTimeout, () => TestApps.Describe(app));
        Assert.NotEqual(firstPid, replica.Pid);
        Assert.False(Signals.IsAlive(firstPid!.Value));
        lock (states)
        {
            Assert.Contains(ResourceState.Exited, states);
            Assert.Equal(ResourceState.Running, states[^1]);
        }

        Assert.Contains(replica.Log.Read(), line => line.Text.Contains("state: Exited (exit code 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_copy_left_running_by_a_killed_AppHost_is_stopped_before_the_replica_starts()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var project = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("survivor");
        await using var app = builder.Build();
        var replica = project.Resource.Replicas[0];
        IProjectMetadata metadata = new Projects.TiersLieux_Hosting_TestService();
        // What an AppHost killed with SIGKILL leaves behind: the service, still bound to the replica's URL.
        var orphan = ManagedProcess.Start("dotnet", [metadata.TargetPath], new LogBuffer(),
            environment: new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = replica.HttpUrl });
        await TestApps.WaitUntilAsync(() => FreePort.IsListening(replica.Port), StartTimeout, () => "the orphan never listened");

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);

        Assert.False(Signals.IsAlive(orphan.Pid));
        Assert.NotEqual(orphan.Pid, replica.Pid);
        Assert.Contains(replica.Log.Read(), line => line.Text.Contains($"stopping pid {orphan.Pid}", StringComparison.Ordinal));
        await orphan.DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_serves_resources_and_console_logs_as_json_and_html()
    {
        var options = TestApps.Options();
        options.DashboardPort = FreePort.Next();
        var builder = DistributedApplication.CreateBuilder(options);
        builder.AddProject<Projects.TiersLieux_Hosting_TestService>("web");
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);

        var resources = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/resources", TestContext.Current.CancellationToken))!.AsArray();
        var web = Assert.Single(resources)!.AsObject();
        Assert.Equal("web", web["name"]!.GetValue<string>());
        Assert.Equal("Project", web["type"]!.GetValue<string>());
        Assert.Equal("Running", web["state"]!.GetValue<string>());
        Assert.Equal("Healthy", web["health"]!.GetValue<string>());
        Assert.Equal(app.Runnable("web").Pid, web["pid"]!.GetValue<int>());
        Assert.Equal(0, web["restarts"]!.GetValue<int>());
        Assert.Equal(app.Runnable("web").Endpoints[0], web["endpoints"]![0]!.GetValue<string>());

        var logs = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/resources/web/logs", TestContext.Current.CancellationToken))!;
        Assert.Contains(logs["lines"]!.AsArray(), line => line!["text"]!.GetValue<string>().Contains("started pid", StringComparison.Ordinal));
        var after = logs["next"]!.GetValue<long>();
        var tail = JsonNode.Parse(await Http.GetStringAsync($"{app.DashboardUrl}/api/resources/web/logs?after={after}", TestContext.Current.CancellationToken))!;
        Assert.All(tail["lines"]!.AsArray(), line => Assert.True(line!["sequence"]!.GetValue<long>() > after));

        using var unknown = await Http.GetAsync($"{app.DashboardUrl}/api/resources/nope/logs", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<table", await Http.GetStringAsync(app.DashboardUrl, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_ends_every_project_process_in_reverse_dependency_order()
    {
        var builder = DistributedApplication.CreateBuilder(TestApps.Options());
        var backend = builder.AddProject<Projects.TiersLieux_Hosting_TestService>("backend");
        builder.AddProject<Projects.TiersLieux_Hosting_TestService>("front").WithReference(backend).WaitFor(backend);
        var app = builder.Build();
        var stopped = new List<string>();
        foreach (var resource in app.Runnables)
        {
            resource.StateChanged += (r, state) => { if (state == ResourceState.Stopping) { lock (stopped) { stopped.Add(r.Name); } } };
        }

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout, TestContext.Current.CancellationToken);
        var pids = app.Runnables.Select(r => r.Pid!.Value).ToList();

        await app.StopAsync();

        Assert.All(pids, pid => Assert.False(Signals.IsAlive(pid), $"pid {pid} is still running"));
        Assert.Equal(["front", "backend"], stopped);
        Assert.All(app.Runnables, r => Assert.Equal(ResourceState.Finished, r.State));
    }
}
