using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TiersLieux.ServiceDefaults;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit 8.5 over RabbitMQ from <c>ConnectionStrings:&lt;connectionName&gt;</c> (an
    /// <c>amqp://user:pw@host:port</c> URI, the form Aspire gives): kebab-case endpoints, publisher confirms, and on
    /// every receive endpoint immediate retries, then delayed redelivery through waiting queues, then the endpoint's
    /// <c>_error</c> queue with the exception kept. A failed message is never acknowledged silently. The same
    /// connection string feeds Aspire's RabbitMQ client integration (Aspire.RabbitMQ.Client): the broker's health
    /// check, RabbitMQ.Client's traces and logs, and the connection the delayed redelivery parks messages on.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var configuration = builder.Configuration;
        builder.AddRabbitMQClient(connectionName,
            // No retry loop inside a health probe or a park: the next one tries again, and MassTransit reconnects on its own.
            settings => settings.MaxConnectRetryCount = 0,
            factory =>
            {
                // Read when the connection is first made: test hosts supply the connection string after this line runs.
                factory.Uri = new Uri(DatabaseExtensions.RequiredConnectionString(configuration, connectionName));
                factory.ClientProvidedName = $"{builder.Environment.ApplicationName} (health, redelivery)";
            });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter("MassTransit"))
            .WithTracing(tracing => tracing.AddSource("MassTransit"));
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration("Messaging").PostConfigure(options =>
        {
            if (options.RedeliveryDelays.Count == 0)
            {
                options.RedeliveryDelays.AddRange(MessagingOptions.DefaultRedeliveryDelays);
            }
        });
        builder.Services.AddSingleton<RedeliveryTransport>();
        // Kebab-case queue names that start with the service's name: two services each consuming PlaceRegistered
        // get a queue each (membership-place-registered, equipment-place-registered), never one shared queue whose
        // messages they would split. A prefix (Messaging:EndpointPrefix) keeps environments sharing a broker apart.
        // Registered before MassTransit, read when the bus is built (test hosts set it late).
        var service = ServiceName.Of(builder.Environment);
        builder.Services.AddSingleton<IEndpointNameFormatter>(services =>
        {
            var prefix = services.GetRequiredService<IConfiguration>()["Messaging:EndpointPrefix"];
            return new KebabCaseEndpointNameFormatter(string.IsNullOrWhiteSpace(prefix) ? service : $"{prefix}-{service}", includeNamespace: false);
        });
        builder.Services.AddMassTransit(bus =>
        {
            configure?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                // Retries, then redelivery, then _error: one filter, so the order cannot change under us
                // (MassTransit puts its own retry filter outside any filter added here).
                endpoint.UseFilter(new DelayedRedeliveryFilter(queueName, options, context.GetRequiredService<RedeliveryTransport>(),
                    context.GetRequiredService<ILoggerFactory>().CreateLogger<DelayedRedeliveryFilter>()));
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var uri = new Uri(DatabaseExtensions.RequiredConnectionString(context.GetRequiredService<IConfiguration>(), connectionName));
                var (user, password) = ParseUserInfo(uri);
                rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), VirtualHost(uri), host =>
                {
                    host.Username(user);
                    host.Password(password);
                    // The broker acknowledges every publish before Publish returns: the outbox marks a row sent only
                    // once RabbitMQ has it.
                    host.PublisherConfirmation = true;
                    host.ConnectionName(builder.Environment.ApplicationName);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        // Start even when the broker is down: /health reports the bus, and MassTransit reconnects on its own.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    private static (string User, string Password) ParseUserInfo(Uri uri)
    {
        var parts = uri.UserInfo.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0
            ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
            : ("guest", "guest");
    }

    private static string VirtualHost(Uri uri)
    {
        var path = uri.AbsolutePath.Trim('/');
        return path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
    }
}
