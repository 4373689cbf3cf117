using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>
/// /api/directory/agenda: the network's events (public), and the same as an iCalendar feed (RFC 5545) that calendar
/// clients subscribe to. The network team schedules any event; a place's operator those at their place.
/// </summary>
public static class AgendaApi
{
    public const string GetEventRoute = "GetNetworkEvent";
    public const string CalendarMediaType = "text/calendar";

    public static RouteGroupBuilder MapAgendaApi(this IEndpointRouteBuilder app)
    {
        var agenda = app.MapGroup("/api/directory/agenda").WithTags("Agenda");
        agenda.MapGet("/", ListEvents).WithName("ListNetworkEvents").WithSummary("Events between from and to (default: from now, for a year).");
        agenda.MapGet("/{id:guid}", GetEvent).WithName(GetEventRoute).WithSummary("One event.");
        agenda.MapGet("/agenda.ics", Feed).WithName("AgendaFeed").WithSummary("The agenda as an iCalendar feed: the past 90 days and what is to come.");
        agenda.MapPost("/", Schedule).RequireAuthorization(PlatformPolicies.Operator).WithName("ScheduleNetworkEvent")
            .WithSummary("Schedules an event (network team; an operator at their place).");
        agenda.MapPut("/{id:guid}", Change).RequireAuthorization(PlatformPolicies.Operator).WithName("ChangeNetworkEvent").WithSummary("Changes an event.");
        agenda.MapDelete("/{id:guid}", Cancel).RequireAuthorization(PlatformPolicies.Operator).WithName("CancelNetworkEvent")
            .WithSummary("Cancels an event: it stays in the feed, marked cancelled.");
        return agenda;
    }

    public static async Task<Results<Ok<List<NetworkEventResponse>>, ProblemHttpResult>> ListEvents(DirectoryDbContext db, TimeProvider clock,
        CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var start = from ?? clock.GetUtcNow();
        var end = to ?? start.AddYears(1);
        if (end <= start || end - start > TimeSpan.FromDays(3 * 366))
        {
            return Problems.Invalid(new Errors().Add("to", "to comes after from, within three years."));
        }

        var events = await db.NetworkEvents.AsNoTracking().Where(e => e.EndsAt > start && e.StartsAt < end).OrderBy(e => e.StartsAt).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(events.Select(NetworkEventResponse.From).ToList());
    }

    public static async Task<Results<Ok<NetworkEventResponse>, ProblemHttpResult>> GetEvent(Guid id, DirectoryDbContext db, CancellationToken cancellationToken) =>
        await db.NetworkEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } found
            ? TypedResults.Ok(NetworkEventResponse.From(found))
            : Problems.NotFound("Event", id);

    public static async Task<ContentHttpResult> Feed(DirectoryDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-90);
        var events = await db.NetworkEvents.AsNoTracking().Where(e => e.EndsAt > since).OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        var calendar = new Calendar { ProductId = "-//Réseau des tiers-lieux d'Occitanie//Agenda//FR" };
        calendar.AddProperty("X-WR-CALNAME", "Agenda du réseau des tiers-lieux d'Occitanie");
        calendar.AddProperty("X-WR-TIMEZONE", NetworkClock.Zone.Id);
        foreach (var e in events)
        {
            var entry = new CalendarEvent
            {
                Uid = $"{e.Id}@tierslieux-occitanie",
                Summary = e.Title,
                Description = e.Description,
                Location = e.Location,
                DtStart = new CalDateTime(e.StartsAt.UtcDateTime),
                DtEnd = new CalDateTime(e.EndsAt.UtcDateTime),
                DtStamp = new CalDateTime(e.UpdatedAt.UtcDateTime),
                LastModified = new CalDateTime(e.UpdatedAt.UtcDateTime),
                Sequence = e.Version - 1,
                Status = e.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Url = e.Url,
            };
            entry.Categories.Add(e.Kind.ToString().ToUpperInvariant());
            calendar.Events.Add(entry);
        }

        http.Response.Headers.ContentDisposition = "inline; filename=\"agenda-tiers-lieux-occitanie.ics\"";
        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar), $"{CalendarMediaType}; charset=utf-8");
    }

    public static async Task<Results<CreatedAtRoute<NetworkEventResponse>, ProblemHttpResult>> Schedule(NetworkEventRequest request, DirectoryDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(db, caller, request.PlaceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var (details, errors) = request.ToDetails(now);
        if (details is null || errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (scheduled, _) = NetworkEvent.Schedule(details, now);
        db.NetworkEvents.Add(scheduled!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(NetworkEventResponse.From(scheduled!), GetEventRoute, new { id = scheduled!.Id });
    }

    public static async Task<Results<Ok<NetworkEventResponse>, ProblemHttpResult>> Change(Guid id, NetworkEventRequest request, DirectoryDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.NetworkEvents.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (existing is null)
        {
            return Problems.NotFound("Event", id);
        }

        // Both the place it was at and the place it moves to must be the caller's.
        var refusal = await RefusalAsync(db, caller, existing.PlaceId, cancellationToken) ?? await RefusalAsync(db, caller, request.PlaceId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var (details, errors) = request.ToDetails(now);
        if (details is not null && !errors.Any)
        {
            errors = existing.Change(details, now);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NetworkEventResponse.From(existing));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(Guid id, DirectoryDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.NetworkEvents.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (existing is null)
        {
            return Problems.NotFound("Event", id);
        }

        if (await RefusalAsync(db, caller, existing.PlaceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (existing.Cancel(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Network-wide events are the network team's; an event at a place is also its operator's.</summary>
    private static async Task<ProblemHttpResult?> RefusalAsync(DirectoryDbContext db, Caller caller, Guid? placeId, CancellationToken cancellationToken)
    {
        if (placeId is not { } place)
        {
            return caller.IsNetworkAdmin ? null : Problems.Forbidden("Network-wide events are scheduled by the network team; an operator schedules events at their place.");
        }

        if (!caller.Operates(place))
        {
            return Problems.Forbidden($"You do not act for place {place}.");
        }

        return await db.Places.AnyAsync(p => p.Id == place, cancellationToken)
            ? null
            : Problems.Invalid(new Errors().Add("placeId", $"No place has id {place}."));
    }
}
