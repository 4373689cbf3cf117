using System.Security.Claims;

namespace TiersLieux.Web.Account;

/// <summary>Who is signed in, from the identity token's claims.</summary>
public static class MemberIdentity
{
    /// <summary>The member's id (the token's subject); null for anybody else.</summary>
    public static Guid? MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst("name")?.Value ?? user.FindFirst("email")?.Value ?? "membre";
}
