using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TiersLieux.Hosting.Launcher;

/// <summary>
/// Run mode: the projects start straight from their build output rather than through <c>dotnet run --no-build</c>.
/// Aspire hands a project to an IDE's run-session endpoint when one is configured (<c>DEBUG_SESSION_PORT</c>, its
/// token, the launch configurations it takes), and starts it with <c>dotnet run</c> otherwise; this AppHost is its own
/// "IDE" for projects (<see cref="ProjectLauncher"/>). Everything else stays DCP's: endpoints, proxies, replicas,
/// environment, health, logs, the stop and restart commands. When a real IDE or <c>dotnet watch</c> drives the AppHost
/// (the variable is already set), it is left to it; <c>--Projects:StartWith=dotnet-run</c> leaves it to DCP (the bench
/// compares both).
/// </summary>
public static class ProjectLauncherBuilderExtensions
{
    private const string PortVariable = "DEBUG_SESSION_PORT";
    private const string TokenVariable = "DEBUG_SESSION_TOKEN";
    private const string InfoVariable = "DEBUG_SESSION_INFO";

    /// <summary>The endpoints of the launchers this process runs (one per AppHost running here).</summary>
    private static readonly ConcurrentDictionary<string, byte> InProcessEndpoints = new(StringComparer.Ordinal);

    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsRunMode || IsSetByAnIde(builder.Configuration[PortVariable])
            || builder.Configuration["Projects:StartWith"] == "dotnet-run")
        {
            return builder;
        }

        var outputs = ProjectOutputs.Of(builder.AppHostAssembly ?? throw new InvalidOperationException("The AppHost assembly is unknown."));
        var launcher = ProjectLauncher.StartAsync(outputs).GetAwaiter().GetResult();
        var settings = new Dictionary<string, string?>
        {
            [PortVariable] = $"localhost:{launcher.Port}",
            [TokenVariable] = launcher.Token,
            [InfoVariable] = ProjectLauncher.Info,
        };
        InProcessEndpoints.TryAdd(settings[PortVariable]!, 0);
        // Aspire reads them from its configuration (this source overrides the environment's); DCP only from its
        // environment, which is this process's when Aspire starts it, right after BeforeStartEvent.
        builder.Configuration.AddInMemoryCollection(settings);

        // Disposed with the application, after every hosted service has stopped (DCP's teardown included).
        builder.Services.AddSingleton(_ => new LauncherLifetime(launcher, settings));
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<LauncherLifetime>().Publish();
            return Task.CompletedTask;
        });

        // The dashboard would take the endpoint for an IDE's and offer what needs one (an assistant, telemetry).
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>((@event, _) =>
        {
            if (@event.Resource.Name == AspireDashboard.ResourceName
                && !@event.Resource.Annotations.OfType<WithoutIdeSessionAnnotation>().Any())
            {
                @event.Resource.Annotations.Add(new WithoutIdeSessionAnnotation());
                @event.Resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    foreach (var key in context.EnvironmentVariables.Keys.Where(key => key.Contains("DEBUGSESSION", StringComparison.OrdinalIgnoreCase)
                        || key.StartsWith("DEBUG_SESSION_", StringComparison.Ordinal)).ToList())
                    {
                        context.EnvironmentVariables.Remove(key);
                    }
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>
    /// An IDE's endpoint, or <c>dotnet watch</c>'s: set, and not that of another AppHost running in this process. Tests
    /// run several AppHosts in one process, and the environment is the process's: an AppHost built while another ran
    /// found that one's endpoint there, took it for an IDE's, and had its projects started by the other's launcher,
    /// which stopped them all when the other AppHost was disposed (a CI run's 27 failures, every project "Finished").
    /// </summary>
    private static bool IsSetByAnIde(string? endpoint) => !string.IsNullOrEmpty(endpoint) && !InProcessEndpoints.ContainsKey(endpoint);

    /// <summary>Marks the dashboard once its IDE variables are removed (a restart raises the event again).</summary>
    private sealed class WithoutIdeSessionAnnotation : IResourceAnnotation;

    private sealed class LauncherLifetime(ProjectLauncher launcher, IReadOnlyDictionary<string, string?> variables) : IAsyncDisposable
    {
        /// <summary>Sets the variables for the DCP Aspire is about to start (it inherits this process's environment).</summary>
        public void Publish()
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        /// <summary>
        /// Stops the launcher, and clears the variables unless another AppHost of this process has set its own since:
        /// an AppHost started later in the same process (a test) must find neither a dead endpoint nor a live one
        /// that is not its.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            await launcher.DisposeAsync();
            InProcessEndpoints.TryRemove(variables[PortVariable]!, out _);
            if (Environment.GetEnvironmentVariable(PortVariable) == variables[PortVariable])
            {
                foreach (var name in variables.Keys)
                {
                    Environment.SetEnvironmentVariable(name, null);
                }
            }
        }
    }
}
