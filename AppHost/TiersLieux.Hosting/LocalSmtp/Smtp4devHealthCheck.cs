using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Hosting.LocalSmtp;

/// <summary>Healthy when the SMTP port greets (220) and the web UI's API answers (<see cref="Smtp4devProbe"/>).</summary>
internal sealed class Smtp4devHealthCheck(LocalSmtp4devResource server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await Smtp4devProbe.ProblemAsync(server.SmtpEndpoint.Host, server.SmtpEndpoint.Port, new Uri(server.WebEndpoint.Url), cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy($"{server.Name}: {problem}")
            : HealthCheckResult.Healthy();
}
