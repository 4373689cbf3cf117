using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiersLieux.ServiceDefaults;
using TiersLieux.Messaging.Database;
using TiersLieux.Messaging;
using TiersLieux.Topology;

namespace TiersLieux.Testing.Messaging;

/// <summary>A consuming service, built from ServiceDefaults exactly as the real ones are.</summary>
public static class ConsumerHost
{
    /// <summary>Short redelivery delays by default, so a test sees the whole retry ladder in seconds.</summary>
    public static IReadOnlyList<TimeSpan> TestRedeliveryDelays { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    public static IHost Build(string databaseConnectionString, string messagingConnectionString, IReadOnlyList<TimeSpan>? redeliveryDelays = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "effects-consumer" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{PlaceEffectsDbContext.ConnectionName}"] = databaseConnectionString,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = messagingConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            // Connection errors while a test restarts the database are expected; the retries are what is tested.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        });
        var delays = redeliveryDelays ?? TestRedeliveryDelays;
        builder.Configuration.AddInMemoryCollection(delays.Select((delay, i) =>
            new KeyValuePair<string, string?>($"Messaging:RedeliveryDelays:{i}", delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture))));

        builder.AddServiceDefaults();
        builder.AddServiceDatabase<PlaceEffectsDbContext>(PlaceEffectsDbContext.ConnectionName);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus => bus.AddConsumer<PlaceRegisteredConsumer>());
        return builder.Build();
    }
}
