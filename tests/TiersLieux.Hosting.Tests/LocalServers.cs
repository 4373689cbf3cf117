using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A small AppHost of our local servers only, built with Aspire's testing builder: PostgreSQL with one database and
/// RabbitMQ, on free ports, in a state directory of the test's own.
/// </summary>
internal static class LocalServers
{
    public const string Database = "appdb";

    public static string NewStateDirectory() =>
        Path.Combine(Path.GetTempPath(), "tierslieux-hosting-tests", Guid.NewGuid().ToString("N")[..12]);

    public static async Task<DistributedApplication> StartAsync(string state, bool fresh = false, bool broker = true)
    {
        string[] args =
        [
            $"--State:Directory={state}", $"--State:Fresh={(fresh ? "true" : "false")}",
            $"--Ports:postgres={Free()}", $"--Ports:messaging={Free()}", $"--Ports:messaging-management={Free()}",
        ];
        var builder = DistributedApplicationTestingBuilder.Create(args);
        builder.AddPostgresServer("postgres", port: 0).AddDatabase(Database);
        if (broker)
        {
            builder.AddMessageBroker("messaging", port: 0, managementPort: 0);
        }

        var app = await builder.BuildAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(Database, timeout.Token);
            if (broker)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", timeout.Token);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Stops the app and waits (bounded) until no process of it is left: the servers stop on their own schedule.</summary>
    public static async Task StopAsync(DistributedApplication app, string state)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await ProcessScan.WaitUntilNoneMentionAsync(state, TimeSpan.FromSeconds(60));
    }

    private static string Free() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
