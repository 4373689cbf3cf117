using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TiersLieux.Hosting;

/// <summary>
/// Aspire checks a resource that is not yet healthy again 1, 2, 3, 4 and then every 5 s after each failed check, so a
/// service that turns healthy just after a check waits up to 5 s to be seen so, and everything that waits for it (the
/// gateway, the welcome line) with it. Until a resource has first been healthy, its checks look again every quarter
/// second before they report (<see cref="StartingHealthCheck"/>); after that they are Aspire's own, unchanged.
/// </summary>
public static class PromptHealthBuilderExtensions
{
    public static IDistributedApplicationBuilder NoticeHealthPromptlyWhileStarting(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            var resourceChecks = builder.Resources.SelectMany(resource => resource.Annotations.OfType<HealthCheckAnnotation>()).Select(check => check.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var registration in options.Registrations.Where(registration => resourceChecks.Contains(registration.Name)))
            {
                var check = registration.Factory;
                var progress = new StartingHealthCheck.Progress();
                registration.Factory = services => new StartingHealthCheck(check(services), progress, services.GetService<TimeProvider>() ?? TimeProvider.System);
            }
        });
        return builder;
    }
}
