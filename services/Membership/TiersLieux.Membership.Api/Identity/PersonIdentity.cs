using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// The claims of a person's tokens, read fresh from the database at sign-in and at every refresh, so a suspension,
/// an erasure or a change of roles takes effect within one access-token lifetime.
/// </summary>
internal static class PersonIdentity
{
    /// <summary>Null when the member may not sign in (unknown, suspended or erased).</summary>
    public static async Task<ClaimsIdentity?> CreateAsync(MembershipDbContext db, Guid memberId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return null;
        }

        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == memberId, cancellationToken) ?? Account.For(memberId);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, member.Id.ToString());
        identity.SetClaim(Claims.Name, member.DisplayName);
        identity.SetClaim(Claims.Email, member.Email);
        identity.SetClaims(Claims.Role, [.. account.Roles]);
        identity.SetClaims(PlatformClaims.PlaceId, [.. account.OperatedPlaceIds.Select(id => id.ToString())]);
        identity.SetScopes(scopes);
        identity.SetResources(PlatformClaims.Audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            // The identity token tells the frontend who signed in; the access token tells every API.
            Claims.Name or Claims.Email or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
