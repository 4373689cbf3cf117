using System.Security.Claims;
using TiersLieux.Security;

namespace TiersLieux.Membership.Tests.Domain;

/// <summary>The place scoping every service applies through <see cref="Caller"/> (ServiceDefaults).</summary>
public sealed class CallerTests
{
    private static readonly Guid PlaceA = Guid.CreateVersion7();
    private static readonly Guid PlaceB = Guid.CreateVersion7();

    private static Caller With(string subject, string[] roles, params Guid[] places)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, subject) };
        claims.AddRange(roles.Select(role => new Claim(PlatformClaims.Role, role)));
        claims.AddRange(places.Select(place => new Claim(PlatformClaims.PlaceId, place.ToString())));
        return new Caller(new ClaimsPrincipal(new ClaimsIdentity(claims, "test", PlatformClaims.Name, PlatformClaims.Role)));
    }

    [Fact]
    public void An_operator_acts_for_their_places_only_and_the_network_team_for_all()
    {
        var operatorOfA = With("backend-a", [PlatformRoles.PlaceOperator], PlaceA);
        var admin = With("console", [PlatformRoles.NetworkAdmin]);

        Assert.True(operatorOfA.Operates(PlaceA));
        Assert.False(operatorOfA.Operates(PlaceB));
        Assert.True(operatorOfA.OperatesAny([PlaceB, PlaceA]));
        Assert.False(operatorOfA.OperatesAll([PlaceB, PlaceA]));
        Assert.True(admin.Operates(PlaceB));
        Assert.True(admin.OperatesAll([PlaceA, PlaceB]));
    }

    [Fact]
    public void Place_claims_count_only_for_a_place_operator()
    {
        var member = With(Guid.CreateVersion7().ToString(), [PlatformRoles.Member], PlaceA);

        Assert.False(member.Operates(PlaceA));
        Assert.Empty(member.OperatedPlaces);
    }

    [Fact]
    public void A_member_is_themselves_and_sees_only_their_own_data()
    {
        var id = Guid.CreateVersion7();
        var member = With(id.ToString(), [PlatformRoles.Member]);
        var backEnd = With("iness-backend", [PlatformRoles.PlaceOperator], PlaceA);

        Assert.Equal(id, member.MemberId);
        Assert.True(member.MaySeeMember(id, [PlaceB]));
        Assert.False(member.MaySeeMember(Guid.CreateVersion7(), [PlaceB]));
        Assert.Null(backEnd.MemberId);
        Assert.True(backEnd.MaySeeMember(Guid.CreateVersion7(), [PlaceA]));
    }

    [Fact]
    public void An_anonymous_caller_has_no_role_even_with_claims()
    {
        var anonymous = new Caller(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Role, PlatformRoles.NetworkAdmin)])));

        Assert.False(anonymous.IsAuthenticated);
        Assert.False(anonymous.IsNetworkAdmin);
        Assert.False(anonymous.Operates(PlaceA));
    }
}
