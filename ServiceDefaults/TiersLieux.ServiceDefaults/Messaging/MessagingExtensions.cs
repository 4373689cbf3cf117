using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiersLieux.ServiceDefaults.Database;

namespace TiersLieux.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>Immediate retries before a message goes to its <c>_error</c> queue (a validation failure skips them).</summary>
    public const int ImmediateRetries = 3;

    /// <summary>
    /// MassTransit 8.5 over RabbitMQ from <c>ConnectionStrings:messaging</c> (an <c>amqp://user:pw@host:port</c>
    /// URI, the form Aspire gives): kebab-case endpoints, publisher confirms, bounded retries, then the endpoint's
    /// <c>_error</c> queue, which MassTransit keeps with the exception in its headers. Never acked on failure.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configure = null,
        string connectionName = ResourceNames.Messaging)
    {
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var uri = new Uri(DatabaseExtensions.RequiredConnectionString(context.GetRequiredService<IConfiguration>(), connectionName));
                var (user, password) = ParseUserInfo(uri);
                rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), VirtualHost(uri), host =>
                {
                    host.Username(user);
                    host.Password(password);
                    // The broker acknowledges every publish before PublishAsync returns: the outbox marks a row sent
                    // only once RabbitMQ has it.
                    host.PublisherConfirmation = true;
                    host.ConnectionName(builder.Environment.ApplicationName);
                });
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Incremental(ImmediateRetries, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
                    // Retrying cannot fix a message that breaks a rule; it goes to _error at once.
                    retry.Ignore<System.ComponentModel.DataAnnotations.ValidationException>();
                    retry.Ignore<ArgumentException>();
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
