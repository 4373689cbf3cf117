using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace TiersLieux.Web.Account;

/// <summary>Sends the signed-in member's access token (from their server-side session) with every call of the member space.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } http && await http.GetTokenAsync(SiteAuthentication.CookieScheme, "access_token") is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
