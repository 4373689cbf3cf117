using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/organisations: companies, associations and freelancers whose people are members. Operators and
/// the network team register and read them; a member sees only their own organisation.
/// </summary>
public static class OrganisationsApi
{
    public const string GetOrganisationRoute = "GetOrganisation";

    public static RouteGroupBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/membership/organisations").WithTags("Organisations").RequireAuthorization(PlatformPolicies.SignedIn);
        organisations.MapGet("/{id:guid}", GetOrganisation).WithName(GetOrganisationRoute).WithSummary("Gets one organisation.");
        organisations.MapPost("/", CreateOrganisation).RequireAuthorization(PlatformPolicies.Operator).WithName("CreateOrganisation").WithSummary("Creates an organisation (SIRET checked by its key).");
        return organisations;
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> GetOrganisation(Guid id, MembershipDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var visible = caller.IsNetworkAdmin || caller.IsPlaceOperator
            || (caller.MemberId is { } memberId && await db.Members.AnyAsync(m => m.Id == memberId && m.OrganisationId == id, cancellationToken));
        return visible && await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } organisation
            ? TypedResults.Ok(OrganisationResponse.From(organisation))
            : Problems.NotFound("Organisation", id);
    }

    public static async Task<Results<CreatedAtRoute<OrganisationResponse>, ProblemHttpResult>> CreateOrganisation(
        OrganisationRequest request, MembershipDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (organisation, errors) = Organisation.Create(request.Name, request.Kind, request.Siret, clock.GetUtcNow());
        if (organisation is null)
        {
            return Problems.Invalid(errors);
        }

        db.Organisations.Add(organisation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("The SIRET is already an organisation's.", $"An organisation with SIRET {organisation.Siret} exists.");
        }

        return TypedResults.CreatedAtRoute(OrganisationResponse.From(organisation), GetOrganisationRoute, new { id = organisation.Id });
    }
}
