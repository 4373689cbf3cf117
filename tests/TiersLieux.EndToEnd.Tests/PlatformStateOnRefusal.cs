namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// A request to the platform that could not connect fails with the state of every resource in its message. A CI page
/// shows only the end of the output, where "Connection refused" alone does not say why: on 2026-12-07 it took a local
/// run's full log to see that every project of the platform had ended (Finished) while the servers still ran.
/// </summary>
internal sealed class PlatformStateOnRefusal(PlatformAppHost appHost, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException refused) when (refused.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new HttpRequestException(refused.HttpRequestError, $"{refused.Message} The platform's resources: {appHost.Describe()}", refused, refused.StatusCode);
        }
    }
}
