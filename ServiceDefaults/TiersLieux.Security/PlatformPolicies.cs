namespace TiersLieux.Security;

/// <summary>
/// The platform's authorization policies by name. They answer "may this kind of caller call this endpoint at all"
/// (function level, 401/403); which objects a caller may see or change is the <see cref="Caller"/>'s place scoping.
/// </summary>
public static class PlatformPolicies
{
    /// <summary>Any signed-in caller: member, operator or network team.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>A place's operator (scoped to their places by <see cref="Caller.Operates(Guid)"/>) or the network team.</summary>
    public const string Operator = "operator";

    /// <summary>The network team only.</summary>
    public const string NetworkAdmin = "network-admin";
}
