namespace TiersLieux.Notifications.Api.Domain;

/// <summary>What notifications keeps of a member to tell them things: a name, an email, their places (membership's events, highest version wins).</summary>
public sealed class Recipient
{
    public Guid MemberId { get; set; }

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public Guid[] PlaceIds { get; set; } = [];

    public int Version { get; set; }

    /// <summary>The places this member operates (membership's MemberRolesChanged): they hear what their places' operators must act on.</summary>
    public Guid[] OperatedPlaceIds { get; set; } = [];

    /// <summary>The account version of those roles: highest wins, apart from <see cref="Version"/> (two streams of events).</summary>
    public int RolesVersion { get; set; }

    /// <summary>Erased (GDPR): name and email gone, and nothing more is ever sent; the row stays so that a late event cannot bring them back.</summary>
    public bool Erased { get; set; }

    /// <summary>Applies membership's whole new state; false when it is not newer (or the member was erased).</summary>
    public bool TryApply(string displayName, string email, IEnumerable<Guid> placeIds, int version)
    {
        if (Erased || version <= Version)
        {
            return false;
        }

        DisplayName = displayName;
        Email = email;
        PlaceIds = [.. placeIds];
        Version = version;
        return true;
    }

    /// <summary>Applies membership's new roles; false when they are not newer (or the member was erased).</summary>
    public bool TryApplyRoles(IEnumerable<Guid> operatedPlaceIds, int version)
    {
        if (Erased || version <= RolesVersion)
        {
            return false;
        }

        OperatedPlaceIds = [.. operatedPlaceIds];
        RolesVersion = version;
        return true;
    }

    public void Erase()
    {
        OperatedPlaceIds = [];
        RolesVersion = int.MaxValue;
        Erased = true;
        DisplayName = "";
        Email = "";
        PlaceIds = [];
        Version = int.MaxValue;
    }
}
