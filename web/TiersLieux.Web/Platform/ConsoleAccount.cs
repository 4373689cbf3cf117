namespace TiersLieux.Web.Platform;

/// <summary>What the signed-in person may run, as membership says it: their roles and the places they operate.</summary>
public sealed record ConsoleAccount(Guid MemberId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> OperatedPlaceIds)
{
    public bool IsNetworkTeam => Roles.Contains("network-admin");

    public bool IsOperator => Roles.Contains("place-operator");

    /// <summary>Whether the console shows this place: the network team runs every place, an operator theirs.</summary>
    public bool Runs(Guid placeId) => IsNetworkTeam || OperatedPlaceIds.Contains(placeId);
}
