using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Api.Apis;

/// <summary>/api/training/courses: the catalogue (public). A place's operator creates its courses; the network team network-wide ones.</summary>
public static class CoursesApi
{
    public const string GetCourseRoute = "GetCourse";

    public static RouteGroupBuilder MapCoursesApi(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/api/training/courses").WithTags("Courses");
        courses.MapGet("/", ListCourses).WithName("ListCourses").WithSummary("Courses, optionally a place's (network-wide ones included).");
        courses.MapGet("/{id:guid}", GetCourse).WithName(GetCourseRoute).WithSummary("One course.");
        courses.MapPost("/", CreateCourse).RequireAuthorization(PlatformPolicies.Operator).WithName("CreateCourse")
            .WithSummary("A course: kind, hours, qualifications it confers, prerequisites, required attendance.");
        return courses;
    }

    public static async Task<Ok<List<Course>>> ListCourses(TrainingDbContext db, CancellationToken cancellationToken, Guid? placeId = null) =>
        TypedResults.Ok(await db.Courses.AsNoTracking().Where(c => placeId == null || c.PlaceId == placeId || c.PlaceId == null)
            .OrderBy(c => c.Title).Take(500).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<Course>, ProblemHttpResult>> GetCourse(Guid id, TrainingDbContext db, CancellationToken cancellationToken) =>
        await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } course ? TypedResults.Ok(course) : Problems.NotFound("Course", id);

    public static async Task<Results<CreatedAtRoute<Course>, ProblemHttpResult>> CreateCourse(CourseRequest request, TrainingDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.PlaceId is { } place ? !caller.Operates(place) : !caller.IsNetworkAdmin)
        {
            return Problems.Forbidden(request.PlaceId is null ? "Network-wide courses are the network team's." : "An operator creates their own place's courses.");
        }

        var (course, errors) = Course.Create(request.Title, request.PlaceId, request.Kind, request.DurationHours, request.QualificationCodes,
            request.PrerequisiteCourseIds, request.RequiredAttendancePercent, clock.GetUtcNow());
        if (request.PlaceId is { } placeId && !await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
        {
            errors.Add("placeId", $"No place of the network has id {placeId}.");
        }

        var prerequisites = request.PrerequisiteCourseIds ?? [];
        var known = await db.Courses.Where(c => prerequisites.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var unknown in prerequisites.Except(known))
        {
            errors.Add("prerequisiteCourseIds", $"No course has id {unknown}.");
        }

        if (course is null || errors.Any)
        {
            return Problems.Invalid(errors);
        }

        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(course, GetCourseRoute, new { id = course.Id });
    }
}
