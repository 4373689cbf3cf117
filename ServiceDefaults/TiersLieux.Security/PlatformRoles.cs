namespace TiersLieux.Security;

public static class PlatformRoles
{
    public const string NetworkAdmin = "network-admin";
    public const string PlaceOperator = "place-operator";
    public const string Member = "member";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { NetworkAdmin, PlaceOperator, Member };
}
