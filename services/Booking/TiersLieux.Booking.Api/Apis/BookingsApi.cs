using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Booking.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Booking.Api.Apis;

/// <summary>
/// /api/booking/bookings: members book for themselves (a place's operator for a member). Every rule is checked on the
/// server and a refusal names it: the resource's limits (422), then standing, subscription, availability and the
/// period being free (409). No double booking: an exclusion constraint for single resources, a lock per open space
/// for its seats.
/// </summary>
public static class BookingsApi
{
    public const string GetBookingRoute = "GetBooking";

    public static RouteGroupBuilder MapBookingsApi(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/booking/bookings").WithTags("Bookings").RequireAuthorization(PlatformPolicies.SignedIn);
        bookings.MapGet("/", ListBookings).WithName("ListBookings").WithSummary("A member's bookings (their own), or a place's (its operator).");
        bookings.MapGet("/{id:guid}", GetBooking).WithName(GetBookingRoute).WithSummary("One booking (its member, or the place's operator).");
        bookings.MapPost("/", Book).WithName("Book").WithSummary("Books a resource for a period; publishes BookingConfirmed.");
        bookings.MapPost("/{id:guid}/cancellation", Cancel).WithName("CancelBooking")
            .WithSummary("The member cancels before the resource's notice; the place's operator any time. Publishes BookingCancelled.");
        bookings.MapPost("/{id:guid}/no-show", MarkNoShow).RequireAuthorization(PlatformPolicies.Operator).WithName("MarkNoShow")
            .WithSummary("The place's operator marks a member who did not come, once the booking has started; it will not count as used.");
        return bookings;
    }

    public static async Task<Results<Ok<List<BookingResponse>>, ProblemHttpResult>> ListBookings(BookingDbContext db, Caller caller, CancellationToken cancellationToken,
        Guid? placeId = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        if (from is { } start && to is { } end && end <= start)
        {
            return Problems.Invalid(new Errors().Add("to", "The end of the period comes after its start."));
        }

        if (placeId is { } place)
        {
            if (!caller.Operates(place))
            {
                return Problems.Forbidden($"You do not act for place {place}.");
            }

            // A place's calendar: the bookings that overlap the period asked (a day, a week), or its first thousand.
            var bookings = db.Reservations.AsNoTracking().Where(b => b.PlaceId == place);
            if (from?.ToUniversalTime() is { } after)
            {
                bookings = bookings.Where(b => b.Period.UpperBound > after);
            }

            if (to?.ToUniversalTime() is { } before)
            {
                bookings = bookings.Where(b => b.Period.LowerBound < before);
            }

            return TypedResults.Ok(await bookings.OrderBy(b => b.Period.LowerBound).Take(1000).Select(b => BookingResponse.From(b)).ToListAsync(cancellationToken));
        }

        if (caller.MemberId is not { } member)
        {
            return Problems.Invalid(new Errors().Add("placeId", "A back-end lists a place's bookings: give placeId."));
        }

        return TypedResults.Ok(await db.Reservations.AsNoTracking().Where(b => b.MemberId == member).OrderBy(b => b.Period.LowerBound).Take(1000)
            .Select(b => BookingResponse.From(b)).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetBooking(Guid id, BookingDbContext db, Caller caller, CancellationToken cancellationToken) =>
        await db.Reservations.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is { } booking && (caller.Is(booking.MemberId) || caller.Operates(booking.PlaceId))
            ? TypedResults.Ok(BookingResponse.From(booking))
            : Problems.NotFound("Booking", id);

    public static async Task<Results<CreatedAtRoute<BookingResponse>, ProblemHttpResult>> Book(BookingRequest request, BookingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Errors().Require("resourceId", request.ResourceId).Require("startsAt", request.StartsAt).Require("endsAt", request.EndsAt);
        var member = request.MemberId ?? caller.MemberId;
        if (member is null)
        {
            errors.Add("memberId", "Who books: give memberId.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await db.InTransactionAsync(async ct =>
        {
            // The resource's row, locked against what changes it (a closure, the machine out of service) until this
            // booking is decided; an open space's seats are counted under its exclusive lock, one booking at a time.
            var resource = await LockedResourceAsync(db, request.ResourceId!.Value, ct);
            if (resource is null)
            {
                return (Results<CreatedAtRoute<BookingResponse>, ProblemHttpResult>)Problems.NotFound("Resource", request.ResourceId!);
            }

            if (!caller.Is(member!.Value) && !caller.Operates(resource.PlaceId))
            {
                return Problems.Forbidden("A member books for themselves; an operator for members at their place.");
            }

            var now = clock.GetUtcNow();
            var (startsAt, endsAt) = (request.StartsAt!.Value.ToUniversalTime(), request.EndsAt!.Value.ToUniversalTime());
            var periodErrors = resource.CheckPeriod(startsAt, endsAt, now);
            if (periodErrors.Any)
            {
                return Problems.Invalid(periodErrors);
            }

            if (await RefusalAsync(db, resource, member.Value, startsAt, endsAt, ct) is { } refusal)
            {
                return refusal;
            }

            var booking = Reservation.Create(resource, member.Value, startsAt, endsAt, now);
            db.Reservations.Add(booking);
            db.AddIntegrationEvent(BookingEvents.Confirmed(booking, resource, now), clock);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
            {
                return Taken(resource);
            }

            return TypedResults.CreatedAtRoute(BookingResponse.From(booking), GetBookingRoute, new { id = booking.Id });
        }, cancellationToken, commitIf: answer => answer.Result is not ProblemHttpResult);
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Cancel(Guid id, [FromBody] BookingCancellationRequest? request, BookingDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var booking = await db.Reservations.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || !(caller.Is(booking.MemberId) || caller.Operates(booking.PlaceId)))
        {
            return Problems.NotFound("Booking", id);
        }

        var now = clock.GetUtcNow();
        var byOperator = caller.Operates(booking.PlaceId);
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > Reservation.MaxCancellationNoteLength } || (note is not null && !byOperator))
        {
            return Problems.Invalid(new Errors().Add("note", $"The place's note to the member has {Reservation.MaxCancellationNoteLength} characters at most; a member cancels without one."));
        }

        var resource = await db.Resources.AsNoTracking().SingleAsync(r => r.Id == booking.ResourceId, cancellationToken);
        var outcome = byOperator
            ? booking.Cancel(CancellationReason.Operator, note) ? CancellationOutcome.Cancelled : CancellationOutcome.NotConfirmed
            : booking.CancelAsMember(resource, now);
        switch (outcome)
        {
            case CancellationOutcome.TooLate:
                return Problems.Conflict("Too late to cancel.", $"{resource.Name} is cancelled at least {resource.MinNoticeMinutes} minutes before it starts; ask the place.");
            case CancellationOutcome.NotConfirmed:
                return Problems.Conflict("The booking is not confirmed.", $"Booking {id} is {KebabEnum.Name(booking.Status)}.");
        }

        db.AddIntegrationEvent(BookingEvents.Cancelled(booking, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking));
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> MarkNoShow(Guid id, BookingDbContext db, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var booking = await db.Reservations.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || !(caller.Is(booking.MemberId) || caller.Operates(booking.PlaceId)))
        {
            return Problems.NotFound("Booking", id);
        }

        if (!caller.Operates(booking.PlaceId))
        {
            return Problems.Forbidden("Only the place's operator marks a no-show.");
        }

        return booking.MarkNoShow(clock.GetUtcNow()) switch
        {
            NoShowOutcome.Marked => await SavedAsync(db, booking, cancellationToken),
            NoShowOutcome.NotStarted => Problems.Conflict("The booking has not started.", $"Booking {id} starts at {booking.StartsAt:u}; a no-show is marked once it has."),
            _ => Problems.Conflict("The booking is not confirmed.", $"Booking {id} is {KebabEnum.Name(booking.Status)}: only a confirmed booking is marked as a no-show."),
        };
    }

    private static async Task<Ok<BookingResponse>> SavedAsync(BookingDbContext db, Reservation booking, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking));
    }

    /// <summary>
    /// The first rule that refuses this booking, as a 409 that names it; null when it may go ahead. Everything the rules
    /// read comes in one statement (every round trip counts under contention), a desk's "already booked" included.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefusalAsync(BookingDbContext db, Resource resource, Guid member, DateTimeOffset startsAt, DateTimeOffset endsAt,
        CancellationToken cancellationToken)
    {
        var required = resource.RequiredQualification;
        var overlapping = Overlapping(db, resource, startsAt, endsAt);
        var facts = await db.Places.AsNoTracking().AsSingleQuery().Where(p => p.Id == resource.PlaceId)
            .Select(p => new RuleFacts
            {
                Place = p,
                Closure = db.Closures.Where(c => c.PlaceId == p.Id && c.StartsAt < endsAt && startsAt < c.EndsAt).OrderBy(c => c.StartsAt).FirstOrDefault(),
                Standing = db.Members.FirstOrDefault(m => m.MemberId == member),
                Entitlements = db.Entitlements.Where(e => e.MemberId == member).ToList(),
                Held = db.Qualifications.Where(q => required != null && q.MemberId == member && q.Code == required).ToList(),
                DeskTaken = resource.Exclusive && overlapping.Any(),
            })
            .SingleAsync(cancellationToken);
        if (facts.Standing is { } standing && (standing.Suspended || standing.Erased))
        {
            return Refused("member-suspended", "The member is suspended: they book again once reinstated.");
        }

        if (!facts.Entitlements.Any(e => e.Covers(resource.PlaceId, resource.Kind, startsAt, endsAt)))
        {
            return Refused("no-subscription", $"No subscription of the member covers a {Resource.KindName(resource.Kind)} at this place for the whole period.");
        }

        if (!resource.Available)
        {
            return Refused("resource-unavailable", $"{resource.Name} is not available (maintenance or out of service).");
        }

        var place = facts.Place;
        if (facts.Closure is { } closure)
        {
            return Refused("place-closed", $"{place.Name} is closed from {closure.StartsAt:u} to {closure.EndsAt:u}: {closure.Reason}.");
        }

        if (!place.OpenThroughout(startsAt, endsAt))
        {
            return Refused("outside-opening-hours", $"{place.Name} is not open for the whole period (its opening hours, Paris time).");
        }

        if (QualificationRule.Check(required, place, facts.Held, endsAt) is { } unqualified)
        {
            return Refused(unqualified.Rule, unqualified.Detail);
        }

        return facts.DeskTaken || (!resource.Exclusive && await SeatsTakenAsync(db, resource, overlapping, cancellationToken)) ? Taken(resource) : null;
    }

    /// <summary>What the booking rules read about the place and the member, in one statement.</summary>
    private sealed class RuleFacts
    {
        public required BookingPlace Place { get; init; }

        public Closure? Closure { get; init; }

        public MemberStanding? Standing { get; init; }

        public List<Entitlement> Entitlements { get; init; } = [];

        public List<HeldQualification> Held { get; init; } = [];

        /// <summary>A single resource already booked for part of the period (read under its share lock).</summary>
        public bool DeskTaken { get; init; }
    }

    /// <summary>
    /// The resource's row, share-locked: bookings of it go ahead side by side, while a closure or an out-of-service
    /// update (which lock it exclusively) waits for them, and they for it.
    /// </summary>
    private static Task<Resource?> LockedResourceAsync(BookingDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var shareLock = $"SELECT * FROM {db.TableName<Resource>()} WHERE \"Id\" = {{0}} FOR SHARE";
        return db.Resources.FromSqlRaw(shareLock, id).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The resource's confirmed bookings that overlap the period.</summary>
    private static IQueryable<Reservation> Overlapping(BookingDbContext db, Resource resource, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var period = new NpgsqlTypes.NpgsqlRange<DateTimeOffset>(startsAt, true, endsAt, false);
        return db.Reservations.Where(b => b.ResourceId == resource.Id && b.Status == BookingStatus.Confirmed && b.Period.Overlaps(period));
    }

    /// <summary>
    /// Whether every seat of an open space is booked for part of the period, counted under its lock: one booking of
    /// it at a time from here to its commit, so that two never take its last seat. (Not the row's exclusive lock: every
    /// booking of it holds the row's share lock, and upgrading would deadlock.) A desk's booking already there was
    /// told by the rules' read, without trying the insert the exclusion constraint would refuse (an exception costs
    /// more than a read).
    /// </summary>
    private static async Task<bool> SeatsTakenAsync(BookingDbContext db, Resource resource, IQueryable<Reservation> overlapping, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({resource.Id}::text, 0))", cancellationToken);
        return await overlapping.CountAsync(cancellationToken) >= resource.Seats;
    }

    private static ProblemHttpResult Taken(Resource resource) => Refused("period-taken", resource.Exclusive
        ? $"{resource.Name} is booked for part of that period."
        : $"Every seat of {resource.Name} is booked for part of that period.");

    private static ProblemHttpResult Refused(string rule, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The booking is refused.", detail: detail,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", extensions: new Dictionary<string, object?> { ["rule"] = rule });
}
