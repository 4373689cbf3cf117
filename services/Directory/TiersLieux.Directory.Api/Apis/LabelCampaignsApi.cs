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
/// /api/directory/label-campaigns: the calls for the regional label. Campaigns are public; the network team opens
/// them; a place's operator applies for their place during the call and sees their own applications.
/// </summary>
public static class LabelCampaignsApi
{
    public const string GetCampaignRoute = "GetLabelCampaign";

    public static RouteGroupBuilder MapLabelCampaignsApi(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/directory/label-campaigns").WithTags("Labels");
        campaigns.MapGet("/", ListCampaigns).WithName("ListLabelCampaigns").WithSummary("The label campaigns, newest edition first.");
        campaigns.MapGet("/{id:guid}", GetCampaign).WithName(GetCampaignRoute).WithSummary("One campaign: call period, criteria and weights.");
        campaigns.MapPost("/", CreateCampaign).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("CreateLabelCampaign")
            .WithSummary("Opens a campaign (network team): edition, call period, label validity, weighted criteria.");
        campaigns.MapPost("/{id:guid}/applications", Apply).RequireAuthorization(PlatformPolicies.Operator).WithName("ApplyForLabel")
            .WithSummary("A place applies during the call (its operator, or the network team).");
        campaigns.MapGet("/{id:guid}/applications", ListApplications).RequireAuthorization(PlatformPolicies.Operator).WithName("ListLabelApplications")
            .WithSummary("The campaign's applications: all for the network team, their places' for an operator; best score first.");
        return campaigns;
    }

    public static async Task<Ok<List<CampaignResponse>>> ListCampaigns(DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = NetworkClock.Today(clock);
        var campaigns = await db.LabelCampaigns.AsNoTracking().OrderByDescending(c => c.Edition).ToListAsync(cancellationToken);
        return TypedResults.Ok(campaigns.Select(c => CampaignResponse.From(c, today)).ToList());
    }

    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetCampaign(Guid id, DirectoryDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await db.LabelCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } campaign
            ? TypedResults.Ok(CampaignResponse.From(campaign, NetworkClock.Today(clock)))
            : Problems.NotFound("Campaign", id);

    public static async Task<Results<CreatedAtRoute<CampaignResponse>, ProblemHttpResult>> CreateCampaign(CampaignRequest request, DirectoryDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, errors) = LabelCampaign.Create(request.Edition, request.Title, request.CallOpensOn, request.CallClosesOn,
            request.LabelValidityMonths, request.Criteria, clock.GetUtcNow());
        if (campaign is null)
        {
            return Problems.Invalid(errors);
        }

        if (await db.LabelCampaigns.AnyAsync(c => c.Edition == campaign.Edition, cancellationToken))
        {
            return Problems.Conflict("This edition has its campaign.", $"Edition {campaign.Edition} was opened already: there is one campaign per edition.");
        }

        db.LabelCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(CampaignResponse.From(campaign, NetworkClock.Today(clock)), GetCampaignRoute, new { id = campaign.Id });
    }

    public static async Task<Results<CreatedAtRoute<ApplicationResponse>, ProblemHttpResult>> Apply(Guid id, ApplicationRequest request, DirectoryDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.LabelCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound("Campaign", id);
        }

        if (request.PlaceId is not { } placeId)
        {
            return Problems.Invalid(new Errors().Require("placeId", request.PlaceId));
        }

        if (!caller.Operates(placeId))
        {
            return Problems.Forbidden($"You do not act for place {placeId}: an operator applies for their own place.");
        }

        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == placeId, cancellationToken);
        if (place is null)
        {
            return Problems.Invalid(new Errors().Add("placeId", $"No place has id {placeId}."));
        }

        var (application, errors) = LabelApplication.Submit(campaign, place, request.Statement, clock.GetUtcNow());
        if (application is null)
        {
            return Problems.Invalid(errors);
        }

        if (await db.LabelApplications.AnyAsync(a => a.CampaignId == id && a.PlaceId == placeId, cancellationToken))
        {
            return Problems.Conflict("The place has applied already.", $"{place.Name} has an application to edition {campaign.Edition}.");
        }

        db.LabelApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(ApplicationResponse.From(application, place.Name, caller.IsNetworkAdmin),
            LabelApplicationsApi.GetApplicationRoute, new { id = application.Id });
    }

    public static async Task<Results<Ok<List<ApplicationResponse>>, ProblemHttpResult>> ListApplications(Guid id, DirectoryDbContext db, Caller caller,
        CancellationToken cancellationToken)
    {
        if (!await db.LabelCampaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound("Campaign", id);
        }

        var operated = caller.OperatedPlaces.ToList();
        var rows = await (from application in db.LabelApplications.AsNoTracking()
                          join place in db.Places.AsNoTracking() on application.PlaceId equals place.Id
                          where application.CampaignId == id && (caller.IsNetworkAdmin || operated.Contains(application.PlaceId))
                          select new { application, place.Name }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(row => ApplicationResponse.From(row.application, row.Name, caller.IsNetworkAdmin))
            .OrderByDescending(a => a.Score ?? -1).ThenBy(a => a.PlaceName, StringComparer.Ordinal).ToList());
    }
}
