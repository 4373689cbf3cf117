using System.Security.Cryptography;
using System.Text;

namespace TiersLieux.Membership.Api.Domain;

/// <summary>
/// A link, emailed to a member, that sets their password once: its token is 32 random bytes, kept only as a SHA-256
/// hash (a stolen database opens no account), valid an hour for a reset and a week for an invitation. Using one
/// spends every other link of the member too. That it is used only once holds in the database (a conditional
/// update), not here: two browsers may post the same link at the same moment.
/// </summary>
public sealed class PasswordLink
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>A reset asked for again within this time sends no second mail (somebody pressing the button twice, or a prankster).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(2);

    private PasswordLink()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public PasswordLinkPurpose Purpose { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>A new link and its token, the only time the token exists in clear.</summary>
    public static (PasswordLink Link, string Token) Issue(Guid memberId, PasswordLinkPurpose purpose, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new PasswordLink
        {
            Id = Guid.CreateVersion7(now), MemberId = memberId, Purpose = purpose, TokenHash = Hash(token), CreatedAt = now,
            ExpiresAt = now + (purpose == PasswordLinkPurpose.Reset ? ResetLifetime : InvitationLifetime),
        };
        return (link, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a token has the shape of ours (43 base64url characters): anything else is refused before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}
