using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A resource's check while it starts looks again every quarter second instead of reporting at once (Aspire would ask
/// again only 1 to 5 s later); once it has been healthy it reports whatever the resource says, at once.
/// </summary>
public sealed class StartingHealthCheckTests
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("service_http_/health_200_check", _ => throw new NotSupportedException(), null, null),
    };

    [Fact]
    public async Task A_starting_resource_is_reported_healthy_by_the_check_during_which_it_turns_healthy()
    {
        var time = new FakeTimeProvider();
        var resource = new ScriptedCheck(HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy);
        var check = new StartingHealthCheck(resource, new StartingHealthCheck.Progress(), time);

        var result = await RunAsync(check, time);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(3, resource.Calls);
    }

    [Fact]
    public async Task A_resource_that_stays_unhealthy_is_reported_so_after_the_check_s_patience()
    {
        var time = new FakeTimeProvider();
        var resource = new ScriptedCheck(HealthStatus.Unhealthy);
        var check = new StartingHealthCheck(resource, new StartingHealthCheck.Progress(), time);
        var start = time.GetUtcNow();

        var result = await RunAsync(check, time);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True(resource.Calls > 1);
        Assert.True(time.GetUtcNow() - start <= StartingHealthCheck.Patience + StartingHealthCheck.Interval);
    }

    [Fact]
    public async Task Once_healthy_a_failure_is_reported_at_once()
    {
        var time = new FakeTimeProvider();
        var progress = new StartingHealthCheck.Progress();
        var resource = new ScriptedCheck(HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Healthy);
        Assert.Equal(HealthStatus.Healthy, (await RunAsync(new StartingHealthCheck(resource, progress, time), time)).Status);

        // A new instance per run, as HealthCheckService makes them: the progress is the registration's.
        var later = await new StartingHealthCheck(resource, progress, time).CheckHealthAsync(Context, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, later.Status);
        Assert.Equal(2, resource.Calls);
    }

    [Fact]
    public async Task Every_resource_s_check_is_a_starting_check_and_no_other_check_is()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.Services.AddHealthChecks()
            .AddCheck("tool_check", () => HealthCheckResult.Healthy())
            .AddCheck("not_a_resource_s_check", () => HealthCheckResult.Healthy());
        builder.AddExecutable("tool", "true", ".").WithHealthCheck("tool_check");
        builder.NoticeHealthPromptlyWhileStarting();
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);

        var registrations = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(registration => registration.Name);

        Assert.IsType<StartingHealthCheck>(registrations["tool_check"].Factory(app.Services));
        Assert.IsNotType<StartingHealthCheck>(registrations["not_a_resource_s_check"].Factory(app.Services));
    }

    /// <summary>Runs the check, moving the clock a step at a time until it answers.</summary>
    private static async Task<HealthCheckResult> RunAsync(StartingHealthCheck check, FakeTimeProvider time)
    {
        var running = check.CheckHealthAsync(Context, TestContext.Current.CancellationToken);
        while (!running.IsCompleted)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
            time.Advance(StartingHealthCheck.Interval);
        }

        return await running;
    }

    /// <summary>Answers the given statuses in turn, then the last one for ever.</summary>
    private sealed class ScriptedCheck(params HealthStatus[] statuses) : IHealthCheck
    {
        public int Calls { get; private set; }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = statuses[Math.Min(Calls, statuses.Length - 1)];
            Calls++;
            return Task.FromResult(new HealthCheckResult(status));
        }
    }
}
