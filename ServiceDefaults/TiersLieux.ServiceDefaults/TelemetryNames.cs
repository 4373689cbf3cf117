namespace TiersLieux.ServiceDefaults;

/// <summary>Names of the platform's own meter and activity source, shared by producers and the telemetry set-up.</summary>
public static class TelemetryNames
{
    public const string Meter = "TiersLieux";
    public const string ActivitySource = "TiersLieux";
}
