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

    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsRunMode || !string.IsNullOrEmpty(builder.Configuration[PortVariable])
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
        // Aspire reads them from its configuration; DCP, which it starts later, from the environment it inherits.
        builder.Configuration.AddInMemoryCollection(settings);
        foreach (var (name, value) in settings)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        // Disposed with the application, after every hosted service has stopped (DCP's teardown included): then the
        // variables go too, so that an AppHost started later in the same process (a test) does not find a dead endpoint.
        builder.Services.AddSingleton(_ => new LauncherLifetime(launcher, settings.Keys));
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<LauncherLifetime>();
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

    /// <summary>Marks the dashboard once its IDE variables are removed (a restart raises the event again).</summary>
    private sealed class WithoutIdeSessionAnnotation : IResourceAnnotation;

    private sealed class LauncherLifetime(ProjectLauncher launcher, IEnumerable<string> variables) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await launcher.DisposeAsync();
            foreach (var name in variables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
