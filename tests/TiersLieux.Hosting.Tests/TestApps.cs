using System.Text;
using TiersLieux.Hosting.Resources;

namespace TiersLieux.Hosting.Tests;

/// <summary>Builders for AppHosts under test: their own state directory, free ports, no dashboard unless asked.</summary>
internal static class TestApps
{
    public static ApplicationOptions Options(string? stateDirectory = null) => new()
    {
        StateDirectory = stateDirectory ?? NewStateDirectory(),
        DynamicPorts = true,
        DashboardPort = 0,
        ReportToConsole = false,
    };

    public static string NewStateDirectory() =>
        Path.Combine(Path.GetTempPath(), "tierslieux-hosting-tests", Guid.NewGuid().ToString("N")[..12]);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds} s: {describe()}");
            }

            await Task.Delay(50);
        }
    }

    public static string Describe(DistributedApplication app)
    {
        var text = new StringBuilder();
        foreach (var resource in app.Runnables)
        {
            text.AppendLine($"{resource.Name}: {resource.State}/{resource.Health} restarts={resource.Restarts}");
            foreach (var line in resource.Log.Read(max: 10))
            {
                text.AppendLine("    " + line.Text);
            }
        }

        return text.ToString();
    }

    public sealed class MissingProject : IProjectMetadata
    {
        public string ProjectPath => "/nonexistent/Missing.csproj";

        public string TargetPath => "/nonexistent/bin/Missing.dll";
    }

    public static RunnableResource Runnable(this DistributedApplication app, string name) =>
        app.Runnables.Single(resource => resource.Name == name);
}
