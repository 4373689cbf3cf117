using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>
/// /api/directory/label-applications/{id}: one application, its reviews and the network's decision. The place's
/// operator reads it (without reviewers' names); reviewers and deciders are the network team.
/// </summary>
public static class LabelApplicationsApi
{
    public const string GetApplicationRoute = "GetLabelApplication";

    public static RouteGroupBuilder MapLabelApplicationsApi(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/api/directory/label-applications").WithTags("Labels").RequireAuthorization(PlatformPolicies.Operator);
        applications.MapGet("/{id:guid}", GetApplication).WithName(GetApplicationRoute).WithSummary("One application with its reviews and score.");
        applications.MapPut("/{id:guid}/reviews/mine", Review).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("ReviewLabelApplication")
            .WithSummary("Records (or replaces) the caller's scores, 0 to 5 per criterion (network team).");
        applications.MapPost("/{id:guid}/decision", Decide).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("DecideLabelApplication")
            .WithSummary("The network's decision: labelled, renewed or rejected; a labelled place carries the edition's label (PlaceUpdated).");
        return applications;
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetApplication(Guid id, DirectoryDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var application = await db.LabelApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !caller.Operates(application.PlaceId))
        {
            return Problems.NotFound("Application", id);
        }

        var name = await db.Places.Where(p => p.Id == application.PlaceId).Select(p => p.Name).SingleAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, name, caller.IsNetworkAdmin));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Review(Guid id, ReviewRequest request, DirectoryDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var application = await db.LabelApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return Problems.NotFound("Application", id);
        }

        if (application.Status != ApplicationStatus.Submitted)
        {
            return Problems.Conflict("The application is decided.", $"It was {application.Status.ToString().ToLowerInvariant()}: reviews are closed.");
        }

        var campaign = await db.LabelCampaigns.AsNoTracking().SingleAsync(c => c.Id == application.CampaignId, cancellationToken);
        var errors = application.Review(campaign, caller.Subject ?? "network-team", request.Scores, request.Comment, clock.GetUtcNow());
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Places.Where(p => p.Id == application.PlaceId).Select(p => p.Name).SingleAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, name, showReviewers: true));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Decide(Guid id, DecisionRequest request, DirectoryDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var application = await db.LabelApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return Problems.NotFound("Application", id);
        }

        if (application.Status != ApplicationStatus.Submitted)
        {
            return Problems.Conflict("The application is decided.", $"It was {application.Status.ToString().ToLowerInvariant()} on {application.DecidedAt:yyyy-MM-dd}.");
        }

        if (request.Outcome is not { } outcome)
        {
            return Problems.Invalid(new ServiceDefaults.Validation.Errors().Require("outcome", request.Outcome));
        }

        var campaign = await db.LabelCampaigns.AsNoTracking().SingleAsync(c => c.Id == application.CampaignId, cancellationToken);
        var place = await db.Places.SingleAsync(p => p.Id == application.PlaceId, cancellationToken);
        var now = clock.GetUtcNow();
        var errors = application.Decide(campaign, place, outcome, caller.Subject ?? "network-team", request.Note, now);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (outcome != ApplicationStatus.Rejected)
        {
            db.AddIntegrationEvent(DirectoryEvents.Updated(place), clock);
        }

        db.AddIntegrationEvent(DirectoryEvents.LabelDecided(application, campaign, place, now), clock);
        db.AddIntegrationEvent(new Contracts.Audit.SensitiveActionTaken(Guid.CreateVersion7(now), "directory", "label-decided",
            caller.Actor, caller.Role, "label-application", application.Id.ToString(), null, [place.Id],
            $"{outcome.ToString().ToLowerInvariant()}, label edition {campaign.Edition}", now), clock);

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationResponse.From(application, place.Name, showReviewers: true));
    }
}
