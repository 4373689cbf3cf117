namespace TiersLieux.Web.Platform;

/// <summary>A member as a place's operator sees them (membership).</summary>
public sealed record MemberSummary(Guid Id, string FirstName, string LastName, string Email, string? Phone, IReadOnlyList<Guid> PlaceIds, string Status,
    string? SuspensionReason, int Version)
{
    public string FullName => $"{FirstName} {LastName}";
}
