using System.Net.Sockets;

namespace TiersLieux.Hosting.Processes;

/// <summary>
/// Whether an smtp4dev answers as a mail server and as an API: its SMTP port greets (220) and its web API lists
/// messages. One probe for the AppHost's health check and for the tests' own servers.
/// </summary>
public static class Smtp4devProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Null when it answers both; otherwise what did not.</summary>
    public static async Task<string?> ProblemAsync(string host, int smtpPort, Uri webUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webUrl);
        try
        {
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(host, smtpPort, cancellationToken);
                var greeting = new byte[3];
                await client.GetStream().ReadExactlyAsync(greeting, cancellationToken);
                if (System.Text.Encoding.ASCII.GetString(greeting) != "220")
                {
                    return "the SMTP port did not greet";
                }
            }

            using var response = await Http.GetAsync(new Uri(webUrl, "/api/messages?pageSize=1"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the API answered {(int)response.StatusCode}";
        }
        catch (Exception error) when (error is SocketException or HttpRequestException or IOException or TaskCanceledException)
        {
            return $"no answer ({error.GetType().Name}: {error.Message})";
        }
    }
}
