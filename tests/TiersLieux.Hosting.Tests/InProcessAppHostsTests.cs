using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Hosting.Launcher;

namespace TiersLieux.Hosting.Tests;

/// <summary>These set the process's environment, which every AppHost built in this process reads: alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// The end-to-end tests run several AppHosts in one process. Each must start its projects with a launcher of its own:
/// the run-session endpoint is published in the process's environment (DCP reads it there), and an AppHost built
/// while another ran once took that one's endpoint for an IDE's, so the other's disposal stopped all its projects.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class InProcessAppHostsTests
{
    private const string EndpointVariable = "DEBUG_SESSION_PORT";

    [Fact]
    public async Task An_AppHost_started_beside_another_in_this_process_has_a_launcher_of_its_own_and_outlives_the_other()
    {
        Assert.Null(Environment.GetEnvironmentVariable(EndpointVariable));
        var first = await StartAsync();
        DistributedApplication? second = null;
        try
        {
            var firstEndpoint = EndpointOf(first);
            Assert.Equal(firstEndpoint, Environment.GetEnvironmentVariable(EndpointVariable));

            second = await StartAsync();
            var secondEndpoint = EndpointOf(second);
            Assert.NotEqual(firstEndpoint, secondEndpoint);
            Assert.Equal(secondEndpoint, Environment.GetEnvironmentVariable(EndpointVariable));

            // The first one's end leaves the second's endpoint published (an AppHost's DCP may start after another ends);
            // the last one's end clears it (an AppHost started next must not find a dead one).
            await StopAsync(first);
            first = null;
            Assert.Equal(secondEndpoint, Environment.GetEnvironmentVariable(EndpointVariable));
            await StopAsync(second);
            second = null;
            Assert.Null(Environment.GetEnvironmentVariable(EndpointVariable));
        }
        finally
        {
            await StopAsync(second);
            await StopAsync(first);
        }
    }

    private static async Task<DistributedApplication> StartAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.RunProjectsFromBuildOutput();
        var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.StartAsync(timeout.Token);
        return app;
    }

    private static string? EndpointOf(DistributedApplication app) => app.Services.GetRequiredService<IConfiguration>()[EndpointVariable];

    private static async Task StopAsync(DistributedApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
