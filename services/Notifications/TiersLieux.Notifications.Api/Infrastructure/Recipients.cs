using Microsoft.EntityFrameworkCore;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure;

/// <summary>Who notifications may write to: kept from membership's events, found for what the other events tell.</summary>
internal static class Recipients
{
    /// <summary>
    /// The member (tracked), or null once given up. Not known yet, their MemberRegistered may be on its way (another
    /// queue): below <see cref="Notifier.UnknownRecipientRedeliveries"/> redeliveries the event is sent back for later.
    /// Still unknown after that (a member registered before this service was deployed), there is nobody to write to.
    /// </summary>
    public static async Task<Recipient?> FindOrComeBackAsync(NotificationsDbContext db, Guid memberId, int redeliveries, CancellationToken cancellationToken) =>
        await db.Recipients.FindAsync([memberId], cancellationToken)
            ?? (redeliveries < Notifier.UnknownRecipientRedeliveries ? throw RecipientUnknownException.Of(memberId) : null);

    public static async Task<Recipient> ApplyAsync(NotificationsDbContext db, Guid memberId, string name, string email, IEnumerable<Guid> places, int version,
        CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        if (recipient is null)
        {
            recipient = new Recipient { MemberId = memberId };
            db.Recipients.Add(recipient);
        }

        recipient.TryApply(name, email, places, version);
        return recipient;
    }
}
