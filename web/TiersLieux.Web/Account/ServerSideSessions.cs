using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace TiersLieux.Web.Account;

/// <summary>
/// Sessions (the member's identity and tokens) kept on the server, the cookie holding only a random key. In memory:
/// a restart of the site ends every session, and the member is told so and signs in again; several instances of the
/// site would share a distributed cache here instead.
/// </summary>
public sealed class ServerSideSessions(IDistributedCache cache, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "session:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var options = new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddHours(8),
        };
        return cache.SetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket), options);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await cache.GetAsync(Prefix + key) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}
