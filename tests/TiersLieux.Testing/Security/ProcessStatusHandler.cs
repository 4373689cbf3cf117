using System.Globalization;
using TiersLieux.Hosting.Processes;

namespace TiersLieux.Testing.Security;

/// <summary>
/// Passes requests through to a server process started by a test; when one cannot reach it, the failure says whether
/// the process is still running (or its exit code) and ends with the last lines of its log.
/// </summary>
internal sealed class ProcessStatusHandler(ManagedProcess process, LogBuffer log, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int TailLines = 8;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            var exitCode = process.HasExited ? await process.Exited : (int?)null;
            var status = exitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"had exited with code {code}") : "is still running";
            var tail = string.Join(" | ", log.Read(max: TailLines).Select(line => line.Text));
            throw new HttpRequestException($"{error.Message}; the process (pid {process.Pid}) {status}; its log ends: {tail}", error, error.StatusCode);
        }
    }
}
