namespace TiersLieux.Security;

/// <summary>Who a caller is to the platform, as membership's tokens say it: roles, and the places an operator acts for.</summary>
public static class PlatformClaims
{
    /// <summary>A place an operator (a person or an operator's back-end) acts for; one claim per place.</summary>
    public const string PlaceId = "place_id";

    /// <summary>The subject: a member's id for people, the client id for back-ends.</summary>
    public const string Subject = "sub";

    public const string Role = "role";

    public const string Name = "name";

    public const string Email = "email";

    /// <summary>The scope every platform API accepts.</summary>
    public const string ApiScope = "tierslieux-api";

    /// <summary>The audience of every access token membership issues for the platform's APIs (<c>aud</c>).</summary>
    public const string Audience = "tierslieux-api";
}
