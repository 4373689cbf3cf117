using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/audit: the network's audit trail, newest first, filtered by member, place, actor, action and
/// period. The network team reads all of it; an operator the entries of the places they act for.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/membership/audit").WithTags("Audit trail").RequireAuthorization(PlatformPolicies.Operator);
        audit.MapGet("/", ListEntries).WithName("ListAuditEntries")
            .WithSummary("Who did what, when, to which object and with what outcome (network team: all; operator: their places).");
        return audit;
    }

    public static async Task<Results<Ok<PagedResponse<AuditEntryResponse>>, ProblemHttpResult>> ListEntries(
        MembershipDbContext db, Caller caller, CancellationToken cancellationToken, int page = 1, int pageSize = 50, Guid? memberId = null,
        Guid? placeId = null, string? actor = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = Paging.Validate(page, pageSize);
        if (from is { } start && to is { } end && end < start)
        {
            errors["to"] = ["The period ends after it starts."];
        }

        if (actor is { Length: > 100 })
        {
            errors["actor"] = ["An actor is a member id or a client id (100 characters at most)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (placeId is { } asked && !caller.Operates(asked))
        {
            return Problems.Forbidden($"You do not act for place {asked}.");
        }

        var query = db.AuditTrail.AsNoTracking();
        if (!caller.SeesEverything)
        {
            var operated = caller.OperatedPlaces.ToList();
            query = query.Where(e => e.PlaceIds.Any(p => operated.Contains(p)));
        }

        if (placeId is { } place)
        {
            query = query.Where(e => e.PlaceIds.Contains(place));
        }

        if (memberId is { } member)
        {
            query = query.Where(e => e.MemberId == member);
        }

        if (!string.IsNullOrWhiteSpace(actor))
        {
            query = query.Where(e => e.ActorSubject == actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(e => e.Action == action.Trim());
        }

        if (from is { } after)
        {
            query = query.Where(e => e.OccurredAt >= after);
        }

        if (to is { } before)
        {
            query = query.Where(e => e.OccurredAt < before);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);

        // Names are read now, from the members as they are: an erased member's were anonymised, so none is shown.
        var people = entries.Select(e => e.MemberId).OfType<Guid>()
            .Concat(entries.Select(e => Guid.TryParse(e.ActorSubject, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty))
            .Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => people.Contains(m.Id))
            .Select(m => new { m.Id, m.FirstName, m.LastName, m.Status }).ToDictionaryAsync(m => m.Id, cancellationToken);
        string? NameOf(Guid? id) => id is { } known && members.TryGetValue(known, out var person) && person.Status != MemberStatus.Erased
            ? $"{person.FirstName} {person.LastName}" : null;

        var items = entries.Select(e => new AuditEntryResponse(e.Id, e.OccurredAt, e.Service, e.Action, e.ActorSubject, e.ActorRole,
            NameOf(Guid.TryParse(e.ActorSubject, out var actorId) ? actorId : null), e.ObjectType, e.ObjectId, e.MemberId, NameOf(e.MemberId),
            e.MemberId is { } id && members.TryGetValue(id, out var m) && m.Status == MemberStatus.Erased, e.PlaceIds, e.Outcome)).ToList();
        return TypedResults.Ok(new PagedResponse<AuditEntryResponse>(items, page, pageSize, total));
    }
}
