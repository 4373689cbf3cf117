using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record MemberResponse(
    Guid Id,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    Guid? OrganisationId,
    IReadOnlyList<Guid> PlaceIds,
    FunderProfile? FunderProfile,
    MemberStatus Status,
    string? SuspensionReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MemberResponse From(Member member) => new(member.Id, member.FirstName, member.LastName, member.Email, member.Phone,
        member.OrganisationId, member.PlaceIds, member.FunderProfile, member.Status, member.SuspensionReason, member.Version,
        member.CreatedAt, member.UpdatedAt);
}
