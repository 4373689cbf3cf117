using System.Globalization;

namespace TiersLieux.Web.Platform;

/// <summary>The training catalogue as pages show it: courses, sessions to come, and the names of their places.</summary>
public sealed class TrainingCatalogue
{
    public static readonly TrainingCatalogue Empty = new([], [], []);

    private TrainingCatalogue(IReadOnlyList<TrainingCourse> courses, IReadOnlyList<TrainingSession> sessions, IReadOnlyList<KnownPlace> places)
    {
        Courses = courses.ToDictionary(c => c.Id);
        Sessions = sessions.ToDictionary(s => s.Id);
        Places = places.ToDictionary(p => p.Id, p => p.Name);
    }

    public IReadOnlyDictionary<Guid, TrainingCourse> Courses { get; }

    public IReadOnlyDictionary<Guid, TrainingSession> Sessions { get; }

    public IReadOnlyDictionary<Guid, string> Places { get; }

    /// <summary>Sessions still open to enrolment, soonest first.</summary>
    public IEnumerable<TrainingSession> Upcoming(DateTimeOffset now) =>
        Sessions.Values.Where(s => s.Status == "scheduled" && s.Slots.Count > 0 && s.Slots.Min(slot => slot.StartsAt) > now).OrderBy(s => s.Slots.Min(slot => slot.StartsAt));

    public static async Task<TrainingCatalogue> ReadAsync(PlatformClient platform, CancellationToken cancellationToken)
    {
        var sessions = await platform.SessionsAsync(null, cancellationToken);
        var courses = platform.CoursesAsync(sessions.Select(s => s.CourseId), cancellationToken);
        var places = platform.KnownPlacesAsync(sessions.Select(s => s.PlaceId), cancellationToken);
        return new TrainingCatalogue(await courses, sessions, await places);
    }

    public string CourseTitle(TrainingSession? session) =>
        session is not null && Courses.TryGetValue(session.CourseId, out var course) ? course.Title : "Formation";

    public string PlaceName(Guid placeId) => Places.GetValueOrDefault(placeId, "un lieu du réseau");

    /// <summary>"mardi 8 décembre 2026, 9:00 – 12:00" or, over several sittings, the first and how many.</summary>
    public static string When(TrainingSession session)
    {
        var slots = session.Slots.OrderBy(s => s.StartsAt).ToList();
        return slots.Count switch
        {
            0 => "dates à venir",
            1 => FrenchDates.Period(slots[0].StartsAt, slots[0].EndsAt),
            _ => $"{slots.Count} séances à partir du {FrenchDates.Period(slots[0].StartsAt, slots[0].EndsAt)}",
        };
    }

    public static string Seats(TrainingSession session)
    {
        var hours = session.Hours.ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',');
        var left = session.Capacity - session.Confirmed;
        return left > 0
            ? $"{hours} h de formation — {left} place{(left > 1 ? "s" : "")} sur {session.Capacity}"
            : $"{hours} h de formation — complète, {session.Waitlisted} personne{(session.Waitlisted > 1 ? "s" : "")} en liste d'attente";
    }
}
