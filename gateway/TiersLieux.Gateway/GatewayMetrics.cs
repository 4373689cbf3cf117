using System.Diagnostics.Metrics;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Gateway;

/// <summary>The gateway's own figures on the platform's meter (exported with the rest).</summary>
public static class GatewayMetrics
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("tierslieux.gateway.retries", "{request}",
        "Reads sent again to another replica because the first could not be reached.");
}
