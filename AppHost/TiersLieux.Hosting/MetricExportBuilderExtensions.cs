using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using System.Globalization;

namespace TiersLieux.Hosting;

/// <summary>
/// In development Aspire has every project export its metrics to the dashboard each second
/// (<c>OTEL_METRIC_EXPORT_INTERVAL=1000</c>), so that its graphs move while one watches. Here that is ten processes
/// collecting and sending every instrument (ASP.NET Core, the runtime, EF Core, Npgsql, the outbox's) each second, and
/// the dashboard taking them in, on two cores shared with everything else, whether anyone watches or not. A longer
/// interval for every project keeps the graphs and their figures; traces and logs keep Aspire's one-second batches.
/// </summary>
public static class MetricExportBuilderExtensions
{
    public const string MetricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL";

    public static IDistributedApplicationBuilder ExportMetricsEvery(this IDistributedApplicationBuilder builder, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var milliseconds = ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // Added once the model is complete, after each project's own OTLP settings, so that this value is the one set.
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    if (context.EnvironmentVariables.ContainsKey(MetricExportInterval))
                    {
                        context.EnvironmentVariables[MetricExportInterval] = milliseconds;
                    }
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
