using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Notifications.Api.Apis;

/// <summary>A member's email preferences by category. Cancellations, security and account messages are sent whatever they say.</summary>
public static class PreferencesApi
{
    public static RouteGroupBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/notifications/preferences").WithTags("Preferences").RequireAuthorization(PlatformPolicies.SignedIn);
        preferences.MapGet("", Get).WithName("MyEmailPreferences").WithSummary("Which categories of email the caller receives.");
        preferences.MapPut("", Put).WithName("ChangeMyEmailPreferences").WithSummary("Turns categories of email on or off; those left out keep their setting.");
        return preferences;
    }

    public static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> Get(Caller caller, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (caller.MemberId is not { } memberId)
        {
            return Problems.NotFound("Preferences", caller.Subject ?? "caller");
        }

        return TypedResults.Ok(await ReadAsync(db, memberId, cancellationToken));
    }

    public static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> Put(PreferencesRequest request, Caller caller, NotificationsDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (caller.MemberId is not { } memberId || !await db.Recipients.AnyAsync(r => r.MemberId == memberId && !r.Erased, cancellationToken))
        {
            return Problems.NotFound("Preferences", caller.Subject ?? "caller");
        }

        var changes = new (NotificationCategory Category, bool? Wanted)[]
        {
            (NotificationCategory.Bookings, request.Bookings), (NotificationCategory.Trainings, request.Trainings),
            (NotificationCategory.Subscriptions, request.Subscriptions), (NotificationCategory.Qualifications, request.Qualifications),
            (NotificationCategory.Network, request.Network),
        };
        var existing = await db.EmailOptOuts.Where(o => o.MemberId == memberId).ToListAsync(cancellationToken);
        foreach (var (category, wanted) in changes.Where(change => change.Wanted is not null))
        {
            var optOut = existing.FirstOrDefault(o => o.Category == category);
            if (wanted == true && optOut is not null)
            {
                db.EmailOptOuts.Remove(optOut);
            }
            else if (wanted == false && optOut is null)
            {
                db.EmailOptOuts.Add(new EmailOptOut { MemberId = memberId, Category = category, At = clock.GetUtcNow() });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, memberId, cancellationToken));
    }

    private static async Task<PreferencesResponse> ReadAsync(NotificationsDbContext db, Guid memberId, CancellationToken cancellationToken)
    {
        var off = await db.EmailOptOuts.AsNoTracking().Where(o => o.MemberId == memberId).Select(o => o.Category).ToListAsync(cancellationToken);
        return new PreferencesResponse(!off.Contains(NotificationCategory.Bookings), !off.Contains(NotificationCategory.Trainings),
            !off.Contains(NotificationCategory.Subscriptions), !off.Contains(NotificationCategory.Qualifications), !off.Contains(NotificationCategory.Network));
    }
}
