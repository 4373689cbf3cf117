using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TiersLieux.Hosting.LocalSmtp;

/// <summary>Healthy when the SMTP port greets (220) and the web UI's API answers.</summary>
internal sealed class Smtp4devHealthCheck(LocalSmtp4devResource server) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(server.SmtpEndpoint.Host, server.SmtpEndpoint.Port, cancellationToken);
                var greeting = new byte[3];
                await client.GetStream().ReadExactlyAsync(greeting, cancellationToken);
                if (System.Text.Encoding.ASCII.GetString(greeting) != "220")
                {
                    return HealthCheckResult.Unhealthy($"{server.Name}'s SMTP port did not greet");
                }
            }

            using var response = await Http.GetAsync(new Uri($"{server.WebEndpoint.Url}/api/messages?pageSize=1"), cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{server.Name}'s API answered {(int)response.StatusCode}");
        }
        catch (Exception error) when (error is SocketException or HttpRequestException or IOException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"no answer from {server.Name}", error);
        }
    }
}
