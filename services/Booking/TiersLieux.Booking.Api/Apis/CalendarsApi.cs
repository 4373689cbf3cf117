using System.Security.Cryptography;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Booking.Api.IntegrationEvents;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>
/// iCalendar feeds (RFC 5545) calendar clients subscribe to: a resource's busy periods (public: who booked is not
/// said), and a member's own bookings at a private URL whose token only the member gets (a new one revokes the old).
/// </summary>
public static class CalendarsApi
{
    public const string CalendarMediaType = "text/calendar";

    public static RouteGroupBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/booking/calendars").WithTags("Calendars");
        calendars.MapGet("/resources/{id:guid}.ics", ResourceFeed).WithName("ResourceCalendar").WithSummary("A resource's busy periods, from 30 days ago.");
        calendars.MapGet("/members/{token}.ics", MemberFeed).WithName("MemberCalendar").WithSummary("A member's bookings, at their private URL.");
        calendars.MapPost("/members/me/token", NewMemberToken).RequireAuthorization(PlatformPolicies.SignedIn).WithName("NewMemberCalendarToken")
            .WithSummary("Gives the signed-in member a new private calendar URL (the previous one stops working).");
        return calendars;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ResourceFeed(Guid id, BookingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return Problems.NotFound("Resource", id);
        }

        var since = clock.GetUtcNow().AddDays(-30);
        var bookings = await db.Reservations.AsNoTracking().Where(b => b.ResourceId == id && b.Status != BookingStatus.Cancelled && b.Period.UpperBound > since)
            .OrderBy(b => b.Period.LowerBound).Take(5000).ToListAsync(cancellationToken);
        return Feed($"{resource.Name}", bookings, _ => "Réservé", clock);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> MemberFeed(string token, BookingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = token.Length is >= 20 and <= 64
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.CalendarToken == token && !m.Erased, cancellationToken)
            : null;
        if (member is null)
        {
            // The same answer for a wrong, old or malformed token: the URL is the secret.
            return Problems.NotFound("Calendar", "(private)");
        }

        var since = clock.GetUtcNow().AddDays(-30);
        var bookings = await db.Reservations.AsNoTracking().Where(b => b.MemberId == member.MemberId && b.Period.UpperBound > since)
            .OrderBy(b => b.Period.LowerBound).Take(5000).ToListAsync(cancellationToken);
        var resourceIds = bookings.Select(b => b.ResourceId).Distinct().ToList();
        var names = await db.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        return Feed("Mes réservations", bookings, b => names.GetValueOrDefault(b.ResourceId, "Réservation"), clock);
    }

    public static async Task<Results<Ok<CalendarLink>, ProblemHttpResult>> NewMemberToken(BookingDbContext db, Caller caller, HttpContext http, CancellationToken cancellationToken)
    {
        if (caller.MemberId is not { } memberId)
        {
            return Problems.Forbidden("Only a member has a calendar of their own.");
        }

        var standing = await Standing.FindOrAddAsync(db, memberId, cancellationToken);
        standing.CalendarToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CalendarLink($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/booking/calendars/members/{standing.CalendarToken}.ics"));
    }

    private static ContentHttpResult Feed(string name, IEnumerable<Reservation> bookings, Func<Reservation, string> summary, TimeProvider clock)
    {
        var calendar = new Calendar { ProductId = "-//Réseau des tiers-lieux d'Occitanie//Réservations//FR" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var booking in bookings)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{booking.Id}@booking.tierslieux-occitanie",
                Summary = summary(booking),
                DtStart = new CalDateTime(booking.StartsAt.UtcDateTime),
                DtEnd = new CalDateTime(booking.EndsAt.UtcDateTime),
                DtStamp = stamp,
                Status = booking.Status == BookingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar), $"{CalendarMediaType}; charset=utf-8");
    }
}
