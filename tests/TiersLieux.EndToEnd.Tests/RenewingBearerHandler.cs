using System.Net.Http.Headers;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// Puts a client-credentials token on every request and fetches a new one once half of its lifetime has passed: a
/// fixture's world outlives membership's 15-minute access tokens when the machine is loaded (seen: the network
/// team's token, taken once at start, expired in the middle of the collection and every later call was a 401).
/// </summary>
internal sealed class RenewingBearerHandler(Func<Task<(string Token, TimeSpan Lifetime)>> fetch, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The token's own lifetime is on the real clock, as membership issued it.
            if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
            {
                var (token, lifetime) = await fetch();
                (_token, _renewAt) = (token, DateTimeOffset.UtcNow + lifetime / 2);
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
