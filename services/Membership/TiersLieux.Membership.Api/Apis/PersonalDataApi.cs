using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Membership;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// A member's GDPR rights over what membership holds: access (art. 15, as JSON) and erasure (art. 17). Exercised by
/// the member themselves or, on their request, by the network team; an operator who sees the member gets a 403.
/// </summary>
public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/membership/members").WithTags("Personal data").RequireAuthorization(PlatformPolicies.SignedIn);
        members.MapGet("/{id:guid}/personal-data", Export).WithName("ExportPersonalData").WithSummary("Everything membership holds about a member, as a JSON download.");
        members.MapDelete("/{id:guid}", Erase).WithName("EraseMember").WithSummary("Anonymises a member, ends their subscriptions, publishes MemberErased.");
        return members;
    }

    public sealed record PersonalDataExport(
        DateTimeOffset ExportedAt,
        MemberResponse Member,
        OrganisationResponse? Organisation,
        IReadOnlyList<ExportedPlace> Places,
        IReadOnlyList<ExportedSubscription> Subscriptions,
        AccountResponse Account);

    public sealed record ExportedPlace(Guid Id, string Name);

    public sealed record ExportedSubscription(SubscriptionResponse Subscription, string PlanName, PlanKind PlanKind, int PriceCents);

    public static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> Export(
        Guid id, MembershipDbContext db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var member = await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        if (!caller.Is(id) && !caller.IsNetworkAdmin)
        {
            return Problems.Forbidden("A member's personal data are exported for the member, or by the network team at their request.");
        }

        var organisation = member.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            : null;
        var places = await db.Places.AsNoTracking().Where(p => member.PlaceIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new ExportedPlace(p.Id, p.Name)).ToListAsync(cancellationToken);
        var subscriptions = await (from subscription in db.Subscriptions.AsNoTracking()
                                   join plan in db.Plans.AsNoTracking() on subscription.PlanId equals plan.Id
                                   where subscription.MemberId == id
                                   orderby subscription.StartsAt
                                   select new { subscription, plan }).ToListAsync(cancellationToken);

        // The export is recorded before it is answered: an export nobody can trace is the leak GDPR asks us to explain.
        var now = clock.GetUtcNow();
        db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.PersonalDataExported, "member", member.Id, member,
            caller.Is(id) ? "exported by the member" : "exported by the network team", now));
        await db.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"membership-{id}.json\"";
        return TypedResults.Ok(new PersonalDataExport(now, MemberResponse.From(member),
            organisation is null ? null : OrganisationResponse.From(organisation), places,
            [.. subscriptions.Select(row => new ExportedSubscription(SubscriptionResponse.From(row.subscription), row.plan.Name, row.plan.Kind, row.plan.PriceCents))],
            AccountResponse.From(await AccountsApi.FindOrNewAsync(db, id, cancellationToken))));
    }

    /// <summary>Idempotent: erasing an erased member answers 204 again and announces nothing new.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Erase(Guid id, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken, tracked: true);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        if (!caller.Is(id) && !caller.IsNetworkAdmin)
        {
            return Problems.Forbidden("A member is erased at their own request: by themselves, or by the network team for them.");
        }

        var now = clock.GetUtcNow();
        if (member.Erase(now))
        {
            var running = await db.Subscriptions.Where(s => s.MemberId == id && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended))
                .ToListAsync(cancellationToken);
            foreach (var subscription in running.Where(s => s.Cancel(now)))
            {
                db.AddIntegrationEvent(MembershipEvents.Ended(subscription, now), clock);
            }

            if (await db.Accounts.FirstOrDefaultAsync(a => a.MemberId == id, cancellationToken) is { } account)
            {
                account.Erase();
            }

            // A link already emailed must not set a password on the erased account.
            db.PasswordLinks.RemoveRange(await db.PasswordLinks.Where(l => l.MemberId == id).ToListAsync(cancellationToken));
            db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.MemberErased, "member", member.Id, member,
                caller.Is(id) ? "erased at the member's own hand" : "erased by the network team", now));
            db.AddIntegrationEvent(new MemberErased(id, now), clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
