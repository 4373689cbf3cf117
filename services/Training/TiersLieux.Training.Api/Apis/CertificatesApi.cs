using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Api.Apis;

/// <summary>/api/training/certificates/{code}: anyone (an employer, a funder) checks a certificate of completion by its code.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var certificates = app.MapGroup("/api/training/certificates").WithTags("Certificates");
        certificates.MapGet("/{code}", Verify).WithName("VerifyCertificate").WithSummary("Who completed which course, where, with how many hours: public.");
        return certificates;
    }

    public static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Verify(string code, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var found = normalised.Length == 12
            ? await (from enrolment in db.Enrolments.AsNoTracking()
                     join session in db.Sessions.AsNoTracking() on enrolment.SessionId equals session.Id
                     join course in db.Courses.AsNoTracking() on session.CourseId equals course.Id
                     join place in db.Places.AsNoTracking() on session.PlaceId equals place.Id
                     join learner in db.Learners.AsNoTracking() on enrolment.MemberId equals learner.MemberId into learners
                     from learner in learners.DefaultIfEmpty()
                     where enrolment.CertificateCode == normalised
                     select new { enrolment, session, course.Title, Place = place.Name, Learner = learner == null ? null : learner.DisplayName })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return found is null
            ? Problems.NotFound("Certificate", normalised)
            : TypedResults.Ok(new CertificateResponse(normalised, found.Learner ?? "—", found.Title, found.Place, found.enrolment.AttendedHours ?? 0,
                found.session.Hours, DateOnly.FromDateTime(found.enrolment.CompletedAt!.Value.UtcDateTime), Valid: true));
    }
}
