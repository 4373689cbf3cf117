using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace TiersLieux.Security;

/// <summary>
/// The caller of a request as its validated token says, and the place scoping every service applies with it:
/// the network team sees and changes everything, an operator only what belongs to the places they act for, a member
/// only their own data. A handler takes it as a parameter (<see cref="BindAsync"/>) and asks before it answers.
/// </summary>
public sealed class Caller
{
    private readonly ClaimsPrincipal _principal;

    public Caller(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        _principal = principal;
        IsAuthenticated = principal.Identity?.IsAuthenticated == true;
        Subject = principal.FindFirst(PlatformClaims.Subject)?.Value;
        IsNetworkAdmin = IsAuthenticated && principal.HasClaim(PlatformClaims.Role, PlatformRoles.NetworkAdmin);
        IsPlaceOperator = IsAuthenticated && principal.HasClaim(PlatformClaims.Role, PlatformRoles.PlaceOperator);
        IsMember = IsAuthenticated && principal.HasClaim(PlatformClaims.Role, PlatformRoles.Member);
        OperatedPlaces = IsPlaceOperator
            ? principal.FindAll(PlatformClaims.PlaceId).Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty).ToHashSet()
            : new HashSet<Guid>();
        // A person's tokens carry their member id as the subject; a back-end's carry its client id.
        MemberId = IsMember && Guid.TryParse(Subject, out var memberId) ? memberId : null;
    }

    public bool IsAuthenticated { get; }

    public string? Subject { get; }

    public bool IsNetworkAdmin { get; }

    public bool IsPlaceOperator { get; }

    public bool IsMember { get; }

    /// <summary>The member the caller is, when a person signed in; null for back-ends and anonymous callers.</summary>
    public Guid? MemberId { get; }

    /// <summary>Who acted, as an audit trail records it: the token's subject (a member id, a client id), or "anonymous".</summary>
    public string Actor => Subject ?? "anonymous";

    /// <summary>
    /// The highest role the token carried, as an audit trail records it: network-admin, place-operator, member, or
    /// client for a back-end's token without a person (anonymous when there is no token).
    /// </summary>
    public string Role => IsNetworkAdmin ? PlatformRoles.NetworkAdmin
        : IsPlaceOperator ? PlatformRoles.PlaceOperator
        : IsMember ? PlatformRoles.Member
        : IsAuthenticated ? "client" : "anonymous";

    /// <summary>The places an operator acts for (empty for everyone else; the network team acts for all).</summary>
    public IReadOnlySet<Guid> OperatedPlaces { get; }

    /// <summary>The whole network's team: no place scoping applies.</summary>
    public bool SeesEverything => IsNetworkAdmin;

    public ClaimsPrincipal Principal => _principal;

    /// <summary>May act for this place: the network team, or an operator of that place.</summary>
    public bool Operates(Guid placeId) => IsNetworkAdmin || OperatedPlaces.Contains(placeId);

    /// <summary>Operates at least one of these places (an object attached to several places).</summary>
    public bool OperatesAny(IEnumerable<Guid> placeIds) => IsNetworkAdmin || placeIds.Any(OperatedPlaces.Contains);

    /// <summary>Operates every one of these places (a change that touches each of them).</summary>
    public bool OperatesAll(IEnumerable<Guid> placeIds) => IsNetworkAdmin || placeIds.All(OperatedPlaces.Contains);

    /// <summary>The caller is this member (a person signed in as themselves).</summary>
    public bool Is(Guid memberId) => MemberId == memberId;

    /// <summary>
    /// May see a member's data: themselves, the network team, or an operator of a place the member is attached to.
    /// </summary>
    public bool MaySeeMember(Guid memberId, IEnumerable<Guid> memberPlaces) => Is(memberId) || OperatesAny(memberPlaces);

    /// <summary>Minimal APIs bind it from the request's user, so handlers declare <c>Caller caller</c>.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Caller?>(new Caller(context.User));
    }
}
