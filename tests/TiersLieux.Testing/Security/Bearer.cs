using System.Net.Http.Headers;

namespace TiersLieux.Testing.Security;

public static class Bearer
{
    /// <summary>The client calls as the holder of this access token (every request carries it).</summary>
    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
