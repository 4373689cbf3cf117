using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api.Demo;

/// <summary>
/// IN'ESS's laser-cutter course (it confers equipment's demo qualification) with a session in two weeks, and a
/// network-wide workshop: the catalogue and a place page have something to show, a demo member something to join.
/// </summary>
internal sealed class DemoCoursesSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoCoursesSeeder> logger)
    : DemoSeeder(scopes, clock, logger)
{
    protected override async Task<bool> TrySeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Name == DemoPlace, cancellationToken);
        if (place is null)
        {
            return false;
        }

        if (await db.Courses.AnyAsync(c => c.PlaceId == place.Id, cancellationToken))
        {
            return true;
        }

        var now = Clock.GetUtcNow();
        var (laser, errors) = Course.Create("Habilitation découpeuse laser", place.Id, CourseKind.MachineSafety, 3, ["laser-cutter"], [], 100, now);
        var (workshop, workshopErrors) = Course.Create("Premiers pas avec les démarches en ligne", null, CourseKind.ShortWorkshop, 2, [], [], 80, now);
        if (laser is null || workshop is null)
        {
            throw new InvalidOperationException($"Demo courses are invalid: {errors} {workshopErrors}");
        }

        db.Courses.AddRange(laser, workshop);
        // A fortnight ahead, 09:00 to 12:00 Paris time (08:00 UTC in winter, 07:00 in summer: near enough for a demo).
        var day = now.UtcDateTime.Date.AddDays(14);
        var startsAt = new DateTimeOffset(day.AddHours(8), TimeSpan.Zero);
        var (session, sessionErrors) = TrainingSession.Schedule(laser, place.Id, null, "Nadia Ferrand", 6, 2, [new TimeSlot(startsAt, startsAt.AddHours(3))], now);
        db.Sessions.Add(session ?? throw new InvalidOperationException($"Demo session is invalid: {sessionErrors}"));
        db.AddIntegrationEvent(TrainingEvents.Scheduled(session, laser, now), Clock);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
