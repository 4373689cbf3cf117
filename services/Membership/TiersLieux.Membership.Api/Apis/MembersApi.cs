using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Identity;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/members: the network's members, their places, their suspension. Place scoping: the network team
/// sees every member, an operator the members attached to the places they act for, a member only themselves; a
/// member the caller may not see is a 404, one they see but may not change a 403.
/// </summary>
public static class MembersApi
{
    public const string GetMemberRoute = "GetMember";

    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/membership/members").WithTags("Members").RequireAuthorization(PlatformPolicies.SignedIn);
        members.MapGet("/", ListMembers).RequireAuthorization(PlatformPolicies.Operator).WithName("ListMembers").WithSummary("Lists members, paged, optionally those attached to a place or matching a search (names, email).");
        members.MapGet("/{id:guid}", GetMember).WithName(GetMemberRoute).WithSummary("Gets one member.");
        members.MapPost("/", RegisterMember).RequireAuthorization(PlatformPolicies.Operator).WithName("RegisterMember").WithSummary("Registers a member and publishes MemberRegistered.");
        members.MapPut("/{id:guid}", UpdateMember).WithName("UpdateMember").WithSummary("Replaces a member's details and publishes MemberUpdated.");
        members.MapPost("/{id:guid}/suspension", SuspendMember).RequireAuthorization(PlatformPolicies.Operator).WithName("SuspendMember").WithSummary("Suspends a member and their subscriptions; publishes MemberSuspended.");
        members.MapDelete("/{id:guid}/suspension", ReinstateMember).RequireAuthorization(PlatformPolicies.Operator).WithName("ReinstateMember").WithSummary("Reinstates a suspended member; publishes MemberReinstated.");
        members.MapGet("/{id:guid}/subscriptions", SubscriptionsApi.ListMemberSubscriptions).WithName("ListMemberSubscriptions").WithSummary("A member's subscriptions, newest first.");
        return members;
    }

    public static async Task<Results<Ok<PagedResponse<MemberResponse>>, ProblemHttpResult>> ListMembers(
        MembershipDbContext db, Caller caller, CancellationToken cancellationToken, int page = 1, int pageSize = 20, Guid? placeId = null,
        string? search = null)
    {
        var errors = Paging.Validate(page, pageSize);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (placeId is { } asked && !caller.Operates(asked))
        {
            return Problems.Forbidden($"You do not act for place {asked}.");
        }

        var query = db.Members.AsNoTracking().Include(m => m.Places).AsQueryable();
        if (placeId is { } place)
        {
            query = query.Where(m => m.Places.Any(p => p.PlaceId == place));
        }
        else if (!caller.SeesEverything)
        {
            var operated = caller.OperatedPlaces.ToList();
            query = query.Where(m => m.Places.Any(p => operated.Contains(p.PlaceId)));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            // An operator at the desk types part of a name or an address: every word must match somewhere.
            foreach (var word in search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pattern = $"%{word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
                query = query.Where(m => EF.Functions.ILike(m.FirstName, pattern) || EF.Functions.ILike(m.LastName, pattern) || EF.Functions.ILike(m.Email, pattern));
            }
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(m => m.LastName).ThenBy(m => m.FirstName).ThenBy(m => m.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MemberResponse>([.. items.Select(MemberResponse.From)], page, pageSize, total));
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetMember(Guid id, MembershipDbContext db, Caller caller, CancellationToken cancellationToken) =>
        await FindVisibleAsync(db, caller, id, cancellationToken) is { } member ? TypedResults.Ok(MemberResponse.From(member)) : Problems.NotFound("Member", id);

    public static async Task<Results<CreatedAtRoute<MemberResponse>, ProblemHttpResult>> RegisterMember(
        MemberRequest request, MembershipDbContext db, Caller caller, HttpContext http, IOptions<IdentityOptions> identity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.PlaceIds is { } places && !caller.OperatesAll(places))
        {
            return Problems.Forbidden("An operator registers members at the places they act for only.");
        }

        var now = clock.GetUtcNow();
        var (details, errors) = request.ToDetails(now, consentGivenBefore: null);
        if (details is not null)
        {
            // Every broken rule at once, references included, so the client fixes the request in one go.
            await CheckReferencesAsync(db, details, errors, cancellationToken);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (await EmailTakenAsync(db, details!.Email, except: null, cancellationToken))
        {
            return EmailConflict();
        }

        var (member, _) = Member.Register(details, now);
        db.Members.Add(member!);
        db.AddIntegrationEvent(MembershipEvents.Registered(member!, now), clock);
        // The welcome email carries a link to choose a first password.
        PasswordLinksApi.Invite(db, http, identity.Value, member!.Id, clock);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return EmailConflict();
        }

        return TypedResults.CreatedAtRoute(MemberResponse.From(member!), GetMemberRoute, new { id = member!.Id });
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> UpdateMember(
        Guid id, MemberRequest request, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await FindVisibleAsync(db, caller, id, cancellationToken, tracked: true);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        // A place's operator attaches members to it (membership of a place is the place's to give: it opens the
        // place's members-only objects); a member may leave a place, not join one by editing their own record.
        var addedPlaces = (request.PlaceIds ?? []).Except(member.PlaceIds).ToList();
        var removedPlaces = member.PlaceIds.Except(request.PlaceIds ?? []).ToList();
        if (!caller.OperatesAll(addedPlaces) || (!caller.Is(id) && !caller.OperatesAll(removedPlaces)))
        {
            return Problems.Forbidden(caller.Is(id)
                ? "A place's operator attaches its members to it: ask them. You may leave a place yourself."
                : "An operator attaches members to, or detaches them from, the places they act for only.");
        }

        if (member.Status == MemberStatus.Erased)
        {
            return Problems.Conflict("The member was erased.", "An erased member's data are gone for good; register the person again if they come back.");
        }

        var now = clock.GetUtcNow();
        var (details, errors) = request.ToDetails(now, member.FunderProfile?.ConsentGivenAt);
        if (details is not null)
        {
            // Every broken rule at once, references included, so the client fixes the request in one go.
            await CheckReferencesAsync(db, details, errors, cancellationToken);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (await EmailTakenAsync(db, details!.Email, except: id, cancellationToken))
        {
            return EmailConflict();
        }

        member.Update(details, now);
        db.AddIntegrationEvent(MembershipEvents.Updated(member, now), clock);
        try
        {
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return EmailConflict();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The member was changed meanwhile.", "Another change to this member was saved first: read it again and retry.");
        }

        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> SuspendMember(
        Guid id, SuspensionRequest request, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = ["A suspension states its reason (500 characters at most)."] });
        }

        var member = await FindVisibleAsync(db, caller, id, cancellationToken, tracked: true);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        if (!caller.OperatesAny(member.PlaceIds))
        {
            return Problems.Forbidden("Only an operator of one of the member's places, or the network team, suspends a member.");
        }

        var now = clock.GetUtcNow();
        if (!member.Suspend(request.Reason.Trim(), now))
        {
            return Problems.Conflict("Only an active member can be suspended.", $"Member {id} is {member.Status.ToString().ToLowerInvariant()}.");
        }

        var active = await db.Subscriptions.Where(s => s.MemberId == id && s.Status == SubscriptionStatus.Active).ToListAsync(cancellationToken);
        foreach (var subscription in active)
        {
            subscription.SuspendWithMember();
        }

        db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.MemberSuspended, "member", member.Id, member,
            $"suspended, with {active.Count} subscription(s)", now));
        db.AddIntegrationEvent(new Contracts.Membership.MemberSuspended(member.Id, member.SuspensionReason!, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ReinstateMember(
        Guid id, MembershipDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await FindVisibleAsync(db, caller, id, cancellationToken, tracked: true);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        if (!caller.OperatesAny(member.PlaceIds))
        {
            return Problems.Forbidden("Only an operator of one of the member's places, or the network team, reinstates a member.");
        }

        var now = clock.GetUtcNow();
        if (!member.Reinstate(now))
        {
            return Problems.Conflict("The member is not suspended.", $"Member {id} is {member.Status.ToString().ToLowerInvariant()}.");
        }

        db.AddIntegrationEvent(new Contracts.Membership.MemberReinstated(member.Id, now), clock);
        var suspended = await db.Subscriptions.Where(s => s.MemberId == id && s.Status == SubscriptionStatus.Suspended).ToListAsync(cancellationToken);
        var reinstated = suspended.Where(s => s.ReinstateWithMember(now)).ToList();
        db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.MemberReinstated, "member", member.Id, member,
            $"reinstated, with {reinstated.Count} subscription(s)", now));
        foreach (var subscription in reinstated)
        {
            // Active again: those who stopped honouring it (booking) are told it covers the member again.
            var plan = await db.Plans.SingleAsync(p => p.Id == subscription.PlanId, cancellationToken);
            db.AddIntegrationEvent(MembershipEvents.Activated(subscription, plan, await SubscriptionsApi.NetworkPassPlacesAsync(db, cancellationToken), now), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    internal static Task<Member?> FindAsync(MembershipDbContext db, Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var members = tracked ? db.Members : db.Members.AsNoTracking();
        return members.Include(m => m.Places).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>The member, if the caller may see them (themselves, the network team, an operator of one of their places).</summary>
    internal static async Task<Member?> FindVisibleAsync(MembershipDbContext db, Caller caller, Guid id, CancellationToken cancellationToken, bool tracked = false) =>
        await FindAsync(db, id, cancellationToken, tracked) is { } member && caller.MaySeeMember(member.Id, member.PlaceIds) ? member : null;

    private static async Task CheckReferencesAsync(MembershipDbContext db, MemberDetails details, Errors errors, CancellationToken cancellationToken)
    {
        if (details.OrganisationId is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            errors.Add("organisationId", $"No organisation has id {organisationId}.");
        }

        var known = await db.Places.Where(p => details.PlaceIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var unknown in details.PlaceIds.Except(known))
        {
            errors.Add("placeIds", $"No place of the network has id {unknown}.");
        }
    }

    private static Task<bool> EmailTakenAsync(MembershipDbContext db, string email, Guid? except, CancellationToken cancellationToken)
    {
        var normalised = Member.NormaliseEmail(email);
        return db.Members.AnyAsync(m => m.NormalisedEmail == normalised && m.Id != except, cancellationToken);
    }

    /// <summary>False when the unique email index refused the row: a concurrent registration won the race.</summary>
    private static async Task<bool> TrySaveAsync(MembershipDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private static ProblemHttpResult EmailConflict() =>
        Problems.Conflict("The email is already a member's.", "Each person is a member once across the whole network: find the existing member instead.");
}
