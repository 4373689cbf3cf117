using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Hosting;

/// <summary>What a newcomer needs, printed once every resource is running and healthy: the dashboard's login URL, the website, the gateway, the demo accounts.</summary>
public static class WelcomeBuilderExtensions
{
    public static void AddWelcome(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> website,
        IEnumerable<(string Line, IResourceBuilder<ParameterResource>? Secret)> accounts)
    {
        ArgumentNullException.ThrowIfNull(website);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gateway);
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        var lines = accounts.ToList();
        var token = builder.Configuration["AppHost:BrowserToken"];
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TiersLieux");
            _ = Task.Run(async () =>
            {
                var notifications = services.GetRequiredService<ResourceNotificationService>();
                using var ready = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var watch = StartWatch.RunAsync(notifications, services.GetRequiredService<ResourceLoggerService>(), @event.Model, logger, ready.Token);
                try
                {
                    // The gateway starts last (it waits for every service, which wait for their servers), and its own
                    // health check asks every replica behind it.
                    await notifications.WaitForResourceHealthyAsync(gateway.Resource.Name, stopping);
                    await notifications.WaitForResourceHealthyAsync(website.Resource.Name, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    await ready.CancelAsync();
                    await watch;
                }

                // The dashboard's own resource knows where it listens (tests randomise the port run.sh fixes at 18888).
                var dashboard = @event.Model.Resources.FirstOrDefault(resource => resource.Name == AspireDashboard.ResourceName) is IResourceWithEndpoints withEndpoints
                    ? withEndpoints.GetEndpoint("http").Url : builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0];
                var text = new StringBuilder("TiersLieux is running and healthy.\n");
                text.Append("  Dashboard:    ").Append(token is { Length: > 0 } ? $"{dashboard}/login?t={token}" : dashboard).Append('\n');
                text.Append("  Website:      ").Append(website.GetEndpoint("http").Url).Append('\n');
                var gatewayUrl = gateway.GetEndpoint("http").Url;
                text.Append("  Gateway:      ").Append(gatewayUrl).Append("  (API reference: ").Append(gatewayUrl).Append("/scalar/)\n");
                foreach (var (line, secret) in lines)
                {
                    var value = secret is null ? null : await secret.Resource.GetValueAsync(stopping);
                    text.Append("  ").Append(line).Append(value is null ? "" : $" (parameter {secret!.Resource.Name}): {value}").Append('\n');
                }

#pragma warning disable CA1848, CA2254 // Once per run: a plain message reads best on the console.
                logger.LogInformation(text.ToString().TrimEnd());
#pragma warning restore CA1848, CA2254
            }, stopping);
            return Task.CompletedTask;
        });
    }
}
