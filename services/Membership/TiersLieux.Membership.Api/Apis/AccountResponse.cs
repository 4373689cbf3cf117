using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Apis;

public sealed record AccountResponse(Guid MemberId, IReadOnlyList<string> Roles, IReadOnlyList<Guid> OperatedPlaceIds, bool HasPassword,
    DateTimeOffset? PasswordChangedAt, DateTimeOffset? LockedUntil)
{
    public static AccountResponse From(Account account) => new(account.MemberId, account.Roles, account.OperatedPlaceIds,
        account.PasswordHash is not null, account.PasswordChangedAt, account.LockedUntil);
}
