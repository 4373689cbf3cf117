using Microsoft.Extensions.Hosting;

namespace TiersLieux.ServiceDefaults;

/// <summary>A service's short name, the same in its queues, its OpenAPI document and its public routes.</summary>
public static class ServiceName
{
    /// <summary>"TiersLieux.Membership.Api" → "membership"; any other application name as it is, lower-cased.</summary>
    public static string Of(string applicationName)
    {
        ArgumentNullException.ThrowIfNull(applicationName);
        var parts = applicationName.Split('.');
        return (parts is ["TiersLieux", var name, "Api"] ? name : applicationName).ToLowerInvariant();
    }

    public static string Of(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Of(environment.ApplicationName);
    }
}
