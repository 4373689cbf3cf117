using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Notifications.Api.Apis;

/// <summary>
/// The inbox for frontends: a member reads their own notifications and marks them read; a place's operators read
/// what their place's members were told about that place; the network team reads anyone's.
/// </summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Inbox").RequireAuthorization(PlatformPolicies.SignedIn);
        inbox.MapGet("/inbox", Mine).WithName("MyInbox").WithSummary("The caller's notifications, newest first, with the unread count.");
        inbox.MapPost("/inbox/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read.");
        inbox.MapPost("/inbox/read", MarkAllRead).WithName("MarkInboxRead").WithSummary("Marks every notification of the caller read.");
        inbox.MapGet("/members/{memberId:guid}", OfMember).RequireAuthorization(PlatformPolicies.Operator).WithName("MemberNotifications")
            .WithSummary("What a member was told: the network team sees all; an operator only what concerns their places.");
        return inbox;
    }

    public static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> Mine(Caller caller, NotificationsDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20)
    {
        if (Paging.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        if (caller.MemberId is not { } memberId)
        {
            return Problems.NotFound("Inbox", caller.Subject ?? "caller");
        }

        return TypedResults.Ok(await PageAsync(db.Notifications.Where(n => n.MemberId == memberId), page, pageSize, cancellationToken));
    }

    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkRead(Guid id, Caller caller, NotificationsDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        // Someone else's is "not found": an id does not tell whether it exists.
        if (notification is null || !caller.Is(notification.MemberId))
        {
            return Problems.NotFound("Notification", id);
        }

        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NotificationResponse.Of(notification));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkAllRead(Caller caller, NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (caller.MemberId is not { } memberId)
        {
            return Problems.NotFound("Inbox", caller.Subject ?? "caller");
        }

        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.MemberId == memberId && n.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> OfMember(Guid memberId, Caller caller, NotificationsDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20)
    {
        if (Paging.Validate(page, pageSize) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.MemberId == memberId && !r.Erased, cancellationToken);
        if (recipient is null || !caller.MaySeeMember(memberId, recipient.PlaceIds))
        {
            return Problems.NotFound("Member", memberId);
        }

        var notifications = db.Notifications.Where(n => n.MemberId == memberId);
        if (!caller.SeesEverything)
        {
            var operated = caller.OperatedPlaces.ToList();
            notifications = notifications.Where(n => n.PlaceId != null && operated.Contains(n.PlaceId.Value));
        }

        return TypedResults.Ok(await PageAsync(notifications, page, pageSize, cancellationToken));
    }

    private static async Task<InboxPage> PageAsync(IQueryable<Notification> notifications, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await notifications.CountAsync(cancellationToken);
        var unread = await notifications.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await notifications.AsNoTracking().OrderByDescending(n => n.Sequence)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return new InboxPage([.. items.Select(NotificationResponse.Of)], page, pageSize, total, unread);
    }
}
